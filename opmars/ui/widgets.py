"""Form widgets that render in Python instead of through one template per option.

Django's Select renders a template for every <option>; the directory's filter form has about
400 options (342 municipalities, networks, kinds…), which cost most of the directory page's
time (issue 7, docs/performance.md). The HTML is the same as Django's Select renders.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        html = [f'<select name="{escape(name)}"{flatatt(attrs)}>']
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                html.append(f'<optgroup label="{escape(option_value)}">')
                html += [_option(v, sub_label, selected) for v, sub_label in label]
                html.append("</optgroup>")
            else:
                html.append(_option(option_value, label, selected))
        html.append("</select>")
        return mark_safe("".join(html))


def _option(value, label, selected):
    value = "" if value is None else str(value)
    mark = " selected" if value in selected else ""
    return f'<option value="{escape(value)}"{mark}>{escape(label)}</option>'
