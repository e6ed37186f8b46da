"""Import a procedure detail record from the national portal, as a crawler saves it (JSON).

A crawler copies the page's text, so every table arrives flattened into one string: the channel
table is "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phí…", the dossier repeats
"Tên giấy tờMẫu đơn, tờ khaiSố lượng" before each group and glues each quantity ("1 bản chính")
to the next item, the legal basis glues each title to its number ("…Trung ương85/2019/TT-BTC"),
and the result carries the page's interface ("Chọn cơ quan thực hiện…Nộp hồ sơ"). Each parser of
this package recovers what it can and says, in Vietnamese, what it could not; nothing is guessed: a
value the record does not give (the decision's date, the unit of "1" in the time column, the
level of online service) is left blank for a human, which makes the file a draft.
"""

from __future__ import annotations

from .build import NOT_IMPORTED, Recovered, operating_body, record_code, recover
from .channels import parse_channels
from .dossier import parse_dossier
from .fields import parse_result, parse_steps, split_lines, split_subjects
from .issues import Issues
from .legal import parse_legal_basis
from .write import MAX_RECORD_BYTES, expand_folders, import_records, load_records

__all__ = [
    "MAX_RECORD_BYTES",
    "NOT_IMPORTED",
    "Issues",
    "Recovered",
    "expand_folders",
    "import_records",
    "load_records",
    "operating_body",
    "parse_channels",
    "parse_dossier",
    "parse_legal_basis",
    "parse_result",
    "parse_steps",
    "record_code",
    "recover",
    "split_lines",
    "split_subjects",
]
