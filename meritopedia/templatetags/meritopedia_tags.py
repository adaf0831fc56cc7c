from django import template

from ..glossary import link_glossary_terms

register = template.Library()


@register.filter
def glossary_links(html):
    """`{% filter glossary_links %}{% include_block page.body %}{% endfilter %}`"""
    return link_glossary_terms(html)
