"""The sender's details come off the features: 我的手机号是#, 微信:zhang_1988, 姓名:张三,
身份证号:#, 订单号是#, 订单#, 【订单号:#】, 【来电人】张先生.

A customer gives a phone number, a WeChat id, a name, an ID or an order number so that the desk
can find them; none of it says what went wrong. Yet the words are not neutral in the labelled
data: 手机号 and 身份证 come mostly with `security` complaints (a leaked number, a stolen
identity), so a contact line such as 我的手机号是138… moved one category in ten, most to
`security`, and a name and ID block one in seven. Only a detail with its value comes off, and
only as a clause of its own: 有人用我的手机号#注册了账号 and 我的手机号被泄露了 stay. Cues read
the whole text.

Matched on normalised text, where a long or masked number is `#` (`models.normalise`), guarded
by tests for what its value needs and for the words a detail needs, which most complaints lack.
"""

import re

from models.clauses import BREAKS

# a text without one of each gives no detail: cheap tests before the full pattern. A detail's
# value is a number (folded to #), an e-mail address, or follows a colon.
VALUE_MARKS = re.compile("[#:@】]")
DETAIL_WORDS = re.compile(
    "手机|电话|号码|方式|微信|qq|vx|wx|邮箱|mail|身份证|证件|姓名|名字|联系人|订单|单号|编号|账号"
    "|会员号|来电人|投诉人|诉求人|反映人|举报人"
)
_OWNER = r"(?:我的|我|本人的?|客户的?|机主的?|用户的?)?"
_KIND = (
    r"(?:联系)?(?:手机号码|手机号|手机|电话号码|电话|号码|方式|座机)|微信号?|vx|wx|qq号?"
    r"|电子邮箱|邮箱|e-?mail|身份证号码|身份证号|身份证|证件号码|证件号|会员号|账号"
    r"|订单号|订单编号|订单|单号|运单号|快递单号|工单号"
)
# a number (folded to #), with a courier's or a system's letters in front (sf#, gd-#), or an id
# or address in Latin letters and digits
_VALUE = r"[a-z]{0,4}-?#|[a-z0-9][a-z0-9_.@\-]{4,}"
_NAME = r"(?:客户|用户|本人)?(?:姓名|名字|联系人)(?:是|为|:)\s?[\u4e00-\u9fff]{2,4}"
_DETAIL = rf"(?:{_OWNER}(?:{_KIND})(?:是|为|:)?\s?(?:{_VALUE})|{_NAME})"
# a hotline's or a platform's record puts the caller's name and number under bracketed labels
# (【来电人】张先生【联系电话】#)
_NAME_LABEL = r"(?:来电人|投诉人|诉求人|反映人|举报人|联系人|客户姓名|姓名)"
_LABELLED = (
    rf"(?:【{_NAME_LABEL}】\s?(?:[\u4e00-\u9fff]{{1,3}}(?:先生|女士|小姐)|[\u4e00-\u9fff]{{2,4}})"
    rf"|【{_OWNER}(?:{_KIND})】\s?(?:{_VALUE}))(?=[【\[\s,.!?;:]|$)"
)
# a clause of its own, or a bracketed one wherever it stands (【订单号：77889900】快递没到)
DETAIL = re.compile(
    rf"(?:^|(?<={BREAKS}))(?:{_DETAIL}(?={BREAKS}|$))"
    rf"|【\s?{_DETAIL}\s?】|\[\s?{_DETAIL}\s?\]|\(\s?{_DETAIL}\s?\)|{_LABELLED}"
)


def without_contact_details(text: str) -> str:
    """The text without the details that only identify the sender or the order; the whole
    text if nothing else."""
    if not VALUE_MARKS.search(text) or not DETAIL_WORDS.search(text):
        return text
    kept = DETAIL.sub(" ", text)
    return kept if kept.strip() else text
