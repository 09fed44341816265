"""The sender's own lines: who wrote, not what went wrong.

A mail ends in a signature block with no closing word above it (张伟 / 运营总监 /
华信贸易有限公司 / 电话：010-…), a form or a desk's note ends in the customer's details
(姓名：张三 / 电话：… / 地址：…), a record opens with them, and a letter with 我是李秀英，.
None of it says what went wrong, yet names, titles and companies are words the model reads: a
signature block moved one category in fourteen, a details block one in nineteen, 我是李秀英 one in
thirty-seven.

A line counts only when all of it is such a detail: a name (a common surname and one or two
characters, or 王先生), a contact field with a value of its kind (电话：010-…, 地址：…市…路…),
a job title or a department, a company. A block counts only with a name or a contact field in
it, so 垃圾公司 or 请转给你们售后部 as a last line stay. Runs on raw text, simplified or
traditional, before normalisation; only what the features read changes.
"""

import re

from models.redact import LABELS as MASK_LABELS

# the most common surnames, simplified and traditional: enough for names in signatures and
# details, where a name is a line or a field of its own
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤"
    "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒錢嚴龔萬湯顧賀龍"
)
# 张伟, 王先生, 李某; or a surname and how one is addressed (陈经理, 陈 经理, 王总)
NAME = (
    rf"[{SURNAMES}](?:先生|女士|小姐|某某?|[\u4e00-\u9fff]{{1,2}}"
    r"|\s(?:先生|女士|小姐|经理|經理|总|總|主任|老师|老師|工))"
)
# a job title or a department, alone or after a company's or a department's name
TITLE = (
    r"[\u4e00-\u9fffA-Za-z&]{0,16}?"
    r"(?:经理|經理|总监|總監|主管|专员|專員|主任|总裁|總裁|董事长|董事長|部长|部長|助理|工程师|工程師"
    r"|顾问|顧問|秘书|秘書|负责人|負責人|[^我你您们們这這那给給把被让讓请請的]部|中心)"
)
COMPANY = (
    r"[\u4e00-\u9fffA-Za-z()（）&·]{2,24}?"
    r"(?:公司|集团|集團|工作室|事务所|事務所|商行|门店|門店|分店|旗舰店|旗艦店|专卖店|專賣店)"
)
# a name's field; after a word that may also head a speaker's turn (客户：快递没到), only a name
_NAME_LABELS = r"姓名|名字|联系人|聯繫人|客户姓名|客戶姓名|署名"
_PERSON_LABELS = (
    r"客户|客戶|用户|用戶|消费者|消費者|投诉人|投訴人|反映人|诉求人|訴求人|来电人|來電人|业主|業主"
    r"|顾客|顧客|会员|會員|车主|車主"
)
_NUMBER_LABELS = (
    r"电话|電話|手机|手機|手机号码?|手機號碼?|联系电话|聯繫電話|联系方式|聯繫方式|座机|座機|电话号码"
    r"|電話號碼|tel|mobile|phone|微信号?|微信號?|wechat|qq号?|qq號?|订单号|訂單號|订单编号|訂單編號"
    r"|订单|訂單|单号|單號|运单号|運單號|会员号|會員號|账号|賬號|帳號|工号|工號|身份证号?|身份證號?"
)
_MAIL_LABELS = r"邮箱|郵箱|电子邮箱|電子郵箱|e-?mail|mail"
_ADDRESS_LABELS = r"地址|收货地址|收貨地址|联系地址|聯繫地址|住址|家庭住址|公司地址|address"
# a personal number as stored: masked (138****5678[手机号], [身份证])
_MASK = rf"[0-9Xx*]*\[(?:{'|'.join(MASK_LABELS.values())})\]"
# groups of digits and letters, one space between groups: a separator is never inside a value
_GROUP = r"[A-Za-z0-9+*＊★#×()（）\-]+"
_NUMBER = rf"(?:{_MASK}|{_GROUP}(?: {_GROUP})*)"
_FIELD = (
    rf"(?:{_NAME_LABELS})\s*[:：]\s*(?:[\u4e00-\u9fff]{{2,4}}|[A-Za-z][A-Za-z ._]{{0,20}})"
    rf"|(?:{_PERSON_LABELS})\s*[:：]\s*{NAME}"
    rf"|(?:{_NUMBER_LABELS})\s*[:：]?\s*{_NUMBER}"
    rf"|(?:{_MAIL_LABELS})\s*[:：]?\s*(?:{_MASK}|[^\s@]+@[^\s@]+)"
    rf"|(?:{_ADDRESS_LABELS})\s*[:：]\s*[^\n，,。！!？?；;]{{0,30}}?"
    r"[省市区區县縣镇鎮乡鄉村路街道号號弄栋棟幢楼樓室座][^\n，,。！!？?；;]{0,30}"
    r"|(?=[0-9+()\- ]{8})[+(]?[0-9][0-9()\-]*(?: [0-9()\-]+)*|[^\s@]+@[^\s@]+\.[^\s@]+"
    # an address without its label: a city, then a district or a street (广州市天河区)
    r"|[\u4e00-\u9fff]{1,6}[省市][\u4e00-\u9fff0-9\-]{0,30}[区區县縣镇鎮路街道号號弄栋棟幢楼樓室]"
    rf"|{_MASK}"
)
_SEPARATOR = r"[\s,，;；|/]+"
# what a rule drawn above a signature is made of
RULE_CHARACTERS = " \t-—_=*~"
# a line of details: names and fields (王某 13800138000, 姓名：张三 电话：…). Each item is
# atomic, (?>…): a line of many numbers that fails would otherwise be tried split every way
_ITEM = rf"(?>{NAME}|{_FIELD})"
DETAILS_LINE = re.compile(rf"{_ITEM}(?:{_SEPARATOR}{_ITEM})*", re.IGNORECASE)
# longer lines are the complaint, not a sender's detail
MAX_LINE = 80
NAME_LINE = re.compile(NAME)
# what else a signature block holds: a title, a department, a company
OTHER_LINE = re.compile(
    rf"(?:{COMPANY}|{TITLE}|{NAME}\s*{TITLE}|{COMPANY}\s*{TITLE})", re.IGNORECASE
)
# 我是李秀英， / 本人王先生。 before the complaint
INTRODUCTION_WORDS = ("我是", "我叫", "本人")
SELF_INTRODUCTION = re.compile(
    rf"(?:{'|'.join(INTRODUCTION_WORDS)})\s?(?:{NAME})\s*[，,。.!！;；\n]\s*"
)


class _Block:
    """What a run of lines holds: how many lines, whether a name, whether a field."""

    def __init__(self, lines: list[str]) -> None:
        self.length, self.named, self.has_field = 0, False, False
        for line in lines:
            stripped = line.strip().strip("【】")
            if len(stripped) > MAX_LINE:
                break
            # a blank line or a rule drawn above a signature (------) goes with the block
            if not stripped.strip(RULE_CHARACTERS) or OTHER_LINE.fullmatch(stripped):
                pass
            elif NAME_LINE.fullmatch(stripped):
                self.named = True
            elif DETAILS_LINE.fullmatch(stripped):
                self.has_field = True
            else:
                break
            self.length += 1


def without_sender_lines(body: str) -> str:
    """The body without a self-introduction opening it and a block of the sender's details
    opening or closing it; the body itself when nothing else would remain. Only a body with a
    line break or opening with `INTRODUCTION_WORDS` can have either."""
    introduction = SELF_INTRODUCTION.match(body)
    if introduction and introduction.end() < len(body):
        body = body[introduction.end() :]
    if "\n" not in body:
        return body
    lines = body.split("\n")
    # a name alone closes a mail (张伟); a name alone on the first line may as well be a title
    # (高压锅), so a block opening the text needs a field (手机号：…)
    tail = _Block(lines[::-1])
    if (tail.named or tail.has_field) and tail.length < len(lines):
        lines = lines[: len(lines) - tail.length]
    head = _Block(lines)
    if head.has_field and head.length < len(lines):
        lines = lines[head.length :]
    return "\n".join(lines).strip()
