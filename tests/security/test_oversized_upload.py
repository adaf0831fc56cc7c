"""An oversized upload gets 413 from the development server too (review item 7): `make run` serves with
`manage.py runserver`, which refused the hop-by-hop `Connection: close` the 413 carried and answered 500."""

import http.client
from urllib.parse import urlsplit

from django.conf import settings


def test_runserver_answers_an_oversized_body_with_413_in_indonesian(portal_server):
    url = urlsplit(portal_server)
    body = b"x" * (settings.REQUEST_BODY_MAX_BYTES + 1024)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection.request(
        "POST", "/praktik-baik/kirim/", body=body, headers={"Content-Type": "application/octet-stream"}
    )
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    assert response.status == 413
    assert "Kiriman terlalu besar" in page
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    connection.request("GET", "/")
    assert connection.getresponse().status == 200  # the server is still serving
    connection.close()
