"""One aspect's indicators: the team answers them (with evidence), the verifikator scores them in the open round.

Each indicator is its own form. A save that meets someone else's newer save keeps the visitor's text in the form
and shows both versions; nothing typed is ever thrown away by an error.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cop.uploads import KINDS
from meritopedia.models import Aspect

from .. import filling, verification
from ..access import access_to
from ..assessments import Answer, Evidence, SelfAssessment
from ..forms import AnswerForm, ReviewForm
from ..rounds import IndicatorReview
from .common import NOT_FOUND, members_only, private, scope


def _answers(assessment: SelfAssessment, aspect: Aspect) -> list[Answer]:
    return list(
        assessment.answers.filter(indicator__aspect=aspect)
        .select_related("indicator__clause", "indicator__aspect", "indicator__page", "level", "updated_by")
        .prefetch_related(
            "indicator__levels",
            Prefetch("evidence", Evidence.objects.filter(removed_at__isnull=True).select_related("added_by")),
        )
    )


def _previous_year(assessment: SelfAssessment, aspect: Aspect) -> dict[str, object]:
    """Last year's points per indicator code, for the comparison column."""
    earlier = (
        SelfAssessment.objects.filter(instansi=assessment.instansi, year__lt=assessment.year).order_by("-year").first()
    )
    if earlier is None:
        return {}
    return dict(
        earlier.answers.filter(indicator__aspect__slug=aspect.slug).values_list("indicator__code", "points")
    ) | {"__year__": earlier.year}


@members_only
def aspect_form(request, year, aspect_slug, instansi_id=None):
    place = scope(request, year, instansi_id)
    assessment = place.assessment
    aspect = get_object_or_404(Aspect, version=assessment.version, slug=aspect_slug)
    answers = _answers(assessment, aspect)
    rounds = list(assessment.rounds.order_by("number"))
    open_round = next((r for r in rounds if r.is_open), None)
    last_closed = next((r for r in reversed(rounds) if not r.is_open), None)
    reviews = {
        (review.round_id, review.answer_id): review
        for review in IndicatorReview.objects.filter(round__in=[r for r in (open_round, last_closed) if r])
    }
    posted_code = request.POST.get("indicator") if request.method == "POST" else None
    bound = {}
    if posted_code is not None:
        answer = next((a for a in answers if a.indicator.code == posted_code), None)
        if answer is None:
            messages.error(request, _("Indikator yang dikirim tidak ada pada aspek ini."))
            return redirect(place.url("assessment_aspect", aspect_slug=aspect.slug))
        result = (
            _save_review(request, place, open_round, answer, reviews)
            if place.access.verifier
            else _save_answer(request, place, answer)
        )
        if result is True:
            return redirect(place.url("assessment_aspect", aspect_slug=aspect.slug) + f"#{answer.indicator.anchor}")
        bound[answer.pk] = result
    items = []
    for answer in answers:
        state = bound.get(answer.pk, {})
        review = reviews.get((open_round.pk, answer.pk)) if open_round else None
        item = {
            "answer": answer,
            "evidence": list(answer.evidence.all()),
            "last_review": reviews.get((last_closed.pk, answer.pk)) if last_closed else None,
            "review": review,
            "conflict": state.get("conflict"),
            "error": state.get("error"),
        }
        if place.access.is_team:
            item["form"] = state.get("form") or AnswerForm(answer=answer)
            item["can_edit"] = place.access.answers(answer.indicator) and not answer.is_locked
        if place.access.verifier and open_round:
            item["review_form"] = state.get("form") or ReviewForm(answer=answer, review=review)
        items.append(item)
    previous = _previous_year(assessment, aspect)
    for item in items:
        item["previous_points"] = previous.get(item["answer"].indicator.code)
    context = {
        "scope": place,
        "assessment": assessment,
        "aspect": aspect,
        "aspects": list(assessment.version.aspects.all()),
        "items": items,
        "open_round": open_round,
        "last_closed": last_closed,
        "previous_year": previous.get("__year__"),
    }
    status = 409 if any(i["conflict"] for i in items) else 400 if bound else 200
    return private(TemplateResponse(request, "assessment/aspect.html", context, status=status))


def _save_answer(request, place, answer: Answer):
    """True when saved; otherwise what the page must show again (the bound form, the error, the conflict)."""
    form = AnswerForm(request.POST, request.FILES, answer=answer)
    if not place.access.answers(answer.indicator):
        return {"form": form, "error": _("Indikator ini dikerjakan kelompok kerja lain; Anda hanya dapat membacanya.")}
    if not form.is_valid():
        return {"form": form, "error": _("Jawaban belum tersimpan: periksa isian yang ditandai di bawah ini.")}
    data = form.cleaned_data
    try:
        with transaction.atomic():
            _store(request, answer, data)
    except filling.Conflict as conflict:
        # Keep what the visitor typed, and let a second save deliberately replace the stored version.
        fresh = request.POST.copy()
        fresh[form.add_prefix("lock_version")] = conflict.current.lock_version
        return {"form": AnswerForm(fresh, answer=answer), "conflict": conflict.current}
    except ValidationError as error:
        form.add_error(None, error)
        return {"form": form, "error": " ".join(error.messages)}
    except OSError:
        return {"form": form, "error": _("Berkas bukti gagal disimpan di server; jawaban belum tersimpan. Coba lagi.")}
    messages.success(request, _("Jawaban indikator %(code)s tersimpan.") % {"code": answer.indicator.code})
    return True


def _store(request, answer: Answer, data) -> None:
    """The answer and its new evidence together, or neither."""
    filling.save_answer(
        answer,
        request.user,
        data["lock_version"],
        filling.AnswerInput(level=data["level"], narrative=data["narrative"], progress=data["progress"]),
    )
    if data.get("evidence_file") or data.get("evidence_url"):
        filling.add_evidence(
            answer,
            request.user,
            upload=data.get("evidence_file"),
            url=data.get("evidence_url") or "",
            title=data.get("evidence_title") or "",
        )


def _save_review(request, place, open_round, answer: Answer, reviews):
    review = reviews.get((open_round.pk, answer.pk)) if open_round else None
    form = ReviewForm(request.POST, answer=answer, review=review)
    if open_round is None:
        return {"form": form, "error": _("Tidak ada putaran verifikasi yang sedang berjalan.")}
    if not form.is_valid():
        return {"form": form, "error": _("Hasil verifikasi belum tersimpan: periksa isian yang ditandai.")}
    data = form.cleaned_data
    try:
        verification.save_review(
            open_round, answer, request.user, place.access, data.get("review_version"), data["level"],
            data["finding"], data["needs_revision"],
        )
    except verification.ReviewConflict as conflict:
        fresh = request.POST.copy()
        fresh[form.add_prefix("review_version")] = conflict.current.lock_version
        return {"form": ReviewForm(fresh, answer=answer), "conflict": conflict.current}
    except (ValidationError, PermissionDenied) as error:
        return {"form": form, "error": " ".join(getattr(error, "messages", [str(error)]))}
    messages.success(request, _("Hasil verifikasi indikator %(code)s tersimpan.") % {"code": answer.indicator.code})
    return True


def _evidence_for(request, evidence_id) -> tuple[Evidence, object]:
    item = get_object_or_404(
        Evidence.objects.select_related("answer__assessment__instansi", "answer__indicator__aspect"), pk=evidence_id
    )
    access = access_to(request.user, item.answer.assessment.instansi)
    if not access.sees:
        raise Http404(NOT_FOUND)
    return item, access


@members_only
def evidence(request, evidence_id, filename):
    """An evidence file, to the instansi's team and its verifikator only; served as the type checked at upload."""
    item, _access = _evidence_for(request, evidence_id)
    if not item.file or filename != item.original_name:
        raise Http404(NOT_FOUND)
    response = FileResponse(
        item.file.open("rb"),
        content_type=KINDS[item.kind][1],
        as_attachment=item.kind not in ("jpg", "png"),
        filename=item.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return private(response)


@members_only
@require_POST
def remove_evidence(request, evidence_id):
    item, access = _evidence_for(request, evidence_id)
    answer = item.answer
    if not access.answers(answer.indicator):
        raise Http404(NOT_FOUND)
    try:
        filling.remove_evidence(item, request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Bukti “%(name)s” dihapus dari jawaban.") % {"name": item})
    return redirect(
        "assessment_aspect", year=answer.assessment.year, aspect_slug=answer.indicator.aspect.slug
    )
