"""Import a plan's appendix table (CSV, TSV or XLSX copied from Word) into ``content/plan/``.

What the table looks like in the wards' plans (see README.md for the seed plans):

- a header row whose wording varies ("Nội dung" / "Nội dung công việc", "Cơ quan chủ trì" /
  "Đơn vị chủ trì", "Thời gian hoàn thành" / "Thời gian thực hiện", "Kết quả thực hiện" /
  "Dự kiến kết quả"…), in any column order: columns are found by meaning on folded text;
- part headings between the tables ("1. Thực hiện các nhiệm vụ…", a line without tabs, maybe
  with Markdown "###" or "**" left by a converter) → sections;
- group rows with a Roman numeral ("I", "<b>II</b>", "II Đổi mới…", "IV. …") or bold text and
  nothing else → subsections (sections when the table has no part headings);
- numbered task rows; a row without a number continues the task above (the table broke across
  pages, and Word repeated the header row, which is skipped);
- OCR'd tables: garbled headers, "I1." for "II", a KPI table between the task tables
  (``headers.py`` tells these apart).

What the plan says is kept as written: each cell's text, each number ("1", "1.1", "a)"), each
unit's name; every non-blank row becomes a section, group, task or KPI, or a report line.

Units are turned into ids (``units.py``). The plan's own heading (number, date, title, issuer)
is not in the appendix: it comes from options, or from the plan file already there; without
it the plan is written as a draft in ``content/drafts/plan/``.

The work is split by concern: ``parse`` reads the table's rows (``headers`` tells header rows
and numbering apart), ``build`` makes the plan's data, ``merge`` merges it into the file already
there, ``write`` runs the import and saves the file.
"""

from __future__ import annotations

from .build import PlanOptions
from .parse import read_plan_table
from .write import import_plan

__all__ = ["PlanOptions", "import_plan", "read_plan_table"]
