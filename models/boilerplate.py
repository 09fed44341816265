"""The complaint without its channel's wrapping: what the model reads.

Mail and social posts wrap a complaint in text that says nothing about its category: a quoted
earlier message, a salutation to the service desk (尊敬的客服：), a greeting (您好), a closing
(盼复，谢谢！) with a signature, a tag or a word that only says it is a complaint (【投诉】,
我要投诉！, a subject 投诉, a topic #消费维权#), the frame of an agent's phone summary or a
hotline's record (客户来电反映：, 诉求人反映：), a Weibo handle of the company's service account,
a link, a repost chain, an emoticon code ([怒]: no labelled text has one, so the model read its
brackets, which in the labelled data come with masked phone numbers, and its word, 微笑 as
praise), a mail app's sent-from line (此邮件由iPhone发送: iPhone is a product the complaints
name), a company's confidentiality notice under a mail (本邮件及其附件含有保密信息…: its words
read as a privacy complaint), the header block of a mail pasted whole (发件人：…), the agent's
turns of a chat pasted with both sides (客服：亲，非常抱歉…) or of a complaint platform's
thread (商家回复：…), a Weibo comment's 回复@…: and a Weibo page's stand-ins (网页链接, ...全文),
HTML a web form leaves in (<br>, &nbsp;), the numbers of a list's points (1、, (2)) and quotes
around the whole text, the desk's note on a line under it (【客服备注】…), a note of where a
post came from (（来自小红书）, 转：) or that evidence comes with it (（附图）), and the sender's
own lines (`models.sender_lines`: a signature block, a block of contact details, 我是李秀英，).
The seed data's written rows carry such wrapping more often for some classes than for others,
so a model that reads it learns that 客服 in a salutation means `service` and a polite closing
means `non_complaint`. Removing it before features keeps the labels on what the customer says.
Stored text is never changed; only features and cues read the body.

Written for throughput (it runs on every complaint): each step is guarded by a cheap substring
test, openings are matched at the start only, and closings are matched on the reversed tail so
that the regex engine anchors instead of scanning.
"""

import html
import re

from models.redact import LABELS as MASK_LABELS
from models.sender_lines import INTRODUCTION_WORDS, RULE_CHARACTERS, without_sender_lines

# where the quoted part of a reply begins
QUOTE_STARTS = re.compile(
    r"^(-{2,}\s*(原始邮件|Original Message|转发的邮件|Forwarded message)\s*-{2,}"
    r"|在.{0,80}写道[:：]\s*$"
    r"|On .{0,200}wrote:\s*$"
    r"|发件人[:：]|From: .*@"
    r"|_{10,}\s*$)",
    re.IGNORECASE,
)
# a signature's first line, or a mail app's sent-from line (发自我的iPhone, 来自网易邮箱大师,
# 此邮件由iPhone发送, 从 iOS 版 Outlook 发送)
_MAIL_APPS = r"iphone|ipad|android|安卓|邮箱大师|邮箱|郵箱|邮件|郵件|客户端|客戶端|outlook|mail|app"
_DEVICE = rf"(?:{_MAIL_APPS}|手机|手機|平板)\s?(?:版|客户端|客戶端|应用|應用)?"
SIGNATURE_START = re.compile(
    r"^(?:-- ?|——+|发自我的\S+|Sent from my .*"
    r"|[-—_ ]*(?:发自|發自|发送自|發送自)\s?(?:我的)?\s?[^\n，。,！!？?]{0,20}?"
    rf"{_DEVICE}\s?(?:发送|發送)?"
    rf"|[-—_ ]*(?:从|從|由)\s?(?:我的)?\s?[^\n，。,！!？?]{{0,20}}?{_DEVICE}\s?(?:发送|發送)"
    rf"|[-—_ ]*(?:来自|來自)\s?[^\n，。,！!？?]{{0,20}}?(?:{_MAIL_APPS})"
    r"|[-—_ ]*(?:此|本)?(?:邮件|郵件)由\s?[^\n，。]{0,20}?(?:发送|發送))$",
    re.IGNORECASE,
)
# a line of a mail's header block, as a quoted or forwarded mail (or one pasted whole) begins
HEADER_LINE = re.compile(
    r"^(?P<field>发件人|發件人|from|日期|date|发送时间|發送時間|sent|时间|時間|主题|主題|subject"
    r"|收件人|to|抄送|cc|reply-to)\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
SENDER_FIELDS = frozenset({"发件人", "發件人", "from"})
SUBJECT_FIELDS = frozenset({"主题", "主題", "subject"})
# a company's confidentiality notice under a mail (本邮件及其附件含有保密信息…): its words
# (保密, 禁止…使用) read as a privacy complaint
DISCLAIMER_START = re.compile(
    r"^(?:【?(?:免责声明|免責聲明|保密声明|保密聲明|法律声明|法律聲明)】?\s*(?:[:：]|$)"
    r"|(?:本|此|该|該)(?:电子|電子)?(?:邮件|郵件)[^\n。]{0,24}?(?:保密|机密|機密|专有|專有"
    r"|(?:仅限|僅限|仅供|僅供)[^\n。]{0,12}?(?:收件人|收件者|使用))"
    r"|(?:confidentiality notice|disclaimer)\s*(?:[:：]|$)"
    r"|this (?:e-?mail|message)\b[^\n.]{0,40}?\b(?:confidential|privileged|intended solely))",
    re.IGNORECASE,
)
# a note in brackets at the complaint's end: where it was first posted (（来自小红书）,
# (转自网友投诉)), or that evidence comes with it (（已上传图片3张）, (有截图为证), 【详见附件】),
# which moved one category in eighteen; not what a picture shows (（图片是红色的）)
SOURCE_NOTE = re.compile(
    r"[(（\[【]\s*(?:(?:来自|來自|转自|轉自|来源|來源|摘自|via)[:：]?\s*[^()（）\[\]【】\n]{1,20}"
    r"|(?:已经?|已)?(?:上传|上傳|附上?|详见|詳見|见|見|有|附有)?\s*"
    r"(?:图片|圖片|图|圖|截图|截圖|照片|附件|视频|視頻|录音|錄音|凭证|憑證|证据|證據)"
    r"\s*(?:已上传|已上傳|为证|為證|[0-9一二三四五六七八九十两兩几幾]+\s*[张張个個段份])?)"
    r"\s*[)）\]】]\s*$",
    re.IGNORECASE,
)
SOURCE_SPAN = 40

_PUNCTUATION = r"[\s，,。.!！~～?？:：、]"
_HANDLE_END = r"(?=[\s@:：，,。!！?？#/]|$)"
# a handle of the company's own service account (@华讯移动客服); other handles (@消费者协会,
# @人民网) are escalation and stay
SERVICE_HANDLE = re.compile(
    r"@[^\s@:：，,。!！?？#/]{0,20}?(客服|官方微博|官微|官博|微博|官方|旗舰店|服务号|小助手)"
    + _HANDLE_END
)
# a chat pasted with both sides (买家：… 客服：亲，非常抱歉…): the agent's turns are not the
# complaint, and their apologies and thanks moved one category in five to non_complaint
_CUSTOMER_SPEAKERS = ("买家", "顾客", "用户", "客户", "消费者", "投诉人", "投訴人", "我")
_AGENT_SPEAKERS = (
    "客服",
    "人工客服",
    "在线客服",
    "官方客服",
    "客服人员",
    "卖家",
    "商家",
    "店家",
    "小二",
    "店小二",
    # a form's field too (企业：华讯移动), so a speaker only when it answers
    *(
        f"{who}{verb}"
        for who in ("官方", "企业", "企業", "平台")
        for verb in ("回复", "回覆", "答复", "答覆", "回应", "回應")
    ),
)
# a complaint platform's thread names the turn: 商家回复：…, 用户补充：…, 投诉人追问：…
_TURN_WORDS = r"(?:回复|回覆|答复|答覆|回应|回應|补充|補充|追问|追問|追加|留言|说明|說明)?"
# a chat tool's export stamps each turn: 2026-11-20 10:15:32 买家:, or the speaker's name and the
# time on a line of their own (客服小美 2026-11-20 10:16:01)
_STAMP = r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ \t]*)?\d{1,2}:\d{2}(?::\d{2})?"
_SPEAKERS = "|".join(sorted(_CUSTOMER_SPEAKERS + _AGENT_SPEAKERS, key=len, reverse=True))
SPEAKER = re.compile(
    rf"^\s*(?:{_STAMP}[ \t]*)?(?P<who>{_SPEAKERS})"
    rf"(?:{_TURN_WORDS}\s*[:：]\s*|[^\n:：]{{0,12}}?[ \t]*[(（]?{_STAMP}[)）]?[ \t]*[:：]?[ \t]*$)",
    re.MULTILINE,
)
# a stamped speaker's line with nothing else on it heads a turn even in a chat of one side; not
# 我, whose line may be the complaint's (我今天下午3:30)
_NAMED_SPEAKERS = "|".join(
    sorted(set(_CUSTOMER_SPEAKERS + _AGENT_SPEAKERS) - {"我"}, key=len, reverse=True)
)
STAMPED_HEADER = re.compile(
    rf"^[ \t]*(?:{_STAMP}[ \t]*(?:{_NAMED_SPEAKERS})[^\n:：]{{0,12}}?[ \t]*[:：]?"
    rf"|(?:{_NAMED_SPEAKERS})[^\n:：]{{0,12}}?[ \t]*[(（]?{_STAMP}[)）]?[ \t]*[:：]?)[ \t]*$",
    re.MULTILINE,
)
# HTML a web form or an export leaves in the text (<br/>, &nbsp;): the tags' and entities' letters
# are not the complaint. Only known tags, so an address in angle brackets (<a@b.cn>) stays.
MARKUP = re.compile(
    r"<\s*/?\s*(?:(?P<block>br|p|div|li|tr|h[1-6]|blockquote|table)|span|ul|ol|td|b|strong|i|em"
    r"|u|font|img|a)\b[^<>]{0,200}>|&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});",
    re.IGNORECASE,
)
# a point's number where a line or a clause starts (1. 2、 一、), or anywhere in brackets or
# circled ((3), ①): the digits and marks say how the text is laid out, not what went wrong; not a
# number in the text (1.5米, 买了2、3件; 3、4月份 after a break loses its 3、)
LIST_MARKER = re.compile(
    r"(?:^|(?<=[\s。.;；!！?？,，~～:：]))[ \t]*(?:[0-9]{1,2}|[一二三四五六七八九十])"
    r"(?:[.．](?![0-9])|、)[ \t]*|[(（](?:[0-9]{1,2}|[一二三四五六七八九十])[)）]|[①-⑳]",
    re.MULTILINE,
)
# the desk's note on a line of its own under the complaint (【客服备注】已安抚客户，转二线处理,
# 处理意见：…): the agent's words, which moved one category in five; a bare 备注 may be the
# customer's own (an order's 备注：不要辣) and stays
DESK_NOTE = re.compile(
    r"\n[ \t]*(?:【(?:客服|坐席|内部|处理|跟进|回访|工作人员)(?:备注|意见|记录)】"
    r"|(?:客服|坐席|内部|处理|跟进|回访)(?:备注|意见|记录)[ \t]*[:：])[^\n]*"
)
DESK_NOTE_WORDS = ("备注", "意见", "记录")
# a list starts at its first point: a text without one has no list (a cheap test)
FIRST_POINT = re.compile(r"1[.、．]|一、|[(（]1[)）]|①")
# quotation marks around the whole text (“快递三天没到”): a quote inside a complaint is reported
# speech (客服说“不归我们管”), which the model reads, so around all of it they moved 7 % of
# categories
ENCLOSING_QUOTES = ("“”", "「」", "『』", '""', "''")
CLOSING_QUOTES = tuple(pair[1] for pair in ENCLOSING_QUOTES)
# a Weibo topic that only files the post as a complaint (#消费维权#, #优品商城投诉#,
# #消费者权益#, or Xiaohongshu's warnings #避雷#, #踩坑#): the word moved one priority in seven;
# #黑猫投诉# names the complaint platform the post is on, an escalation
COMPLAINT_TAG = re.compile(
    r"#[^#\n]{0,20}?(?<!黑猫)(?<!黑貓)"
    r"(?:投诉|投訴|维权|維權|权益|權益|避雷|踩雷|排雷|踩坑|拔草|劝退|勸退)#"
)
# the marks of any other topic (#刹车失灵#): its words are content, but the mark itself came with
# urgent posts in the labelled data (P0 or P1 in 43 of 64) and moved one priority in twenty-eight
TOPIC_MARKS = re.compile(r"#([^#\n]{1,30})#")
# to the end of its line: Weibo intake puts the reposted post on the next (原微博：…)
REPOST_CHAIN = re.compile(r"//@[^:：\s]{1,30}[:：].*")
REPOST_DEFAULT = re.compile(r"转发微博|轉發微博")
# a Weibo emoticon code ([怒], [微笑], [doge]); not a redaction mask ([手机号]), which training
# texts carry too, nor a tag that says what kind of message it is ([建议])
_NOT_EMOTICONS = (*MASK_LABELS.values(), "建议", "咨询", "表扬", "投诉", "举报", "求助", "维权")
# nor a complaint platform's field label ([投诉编号], [涉诉金额], [投诉进度]): `models.form_fields`
# reads those, and a field's value without its label (处理中, 300元) is read as the complaint's
_FIELD_WORDS = (
    "投诉|投訴|诉求|訴求|问题|問題|编号|編號|进度|進度|要求|金额|金額|对象|對象|内容|內容|类型|類型"
    "|状态|狀態"
)
EMOTICON = re.compile(
    rf"\[(?!(?:{'|'.join(_NOT_EMOTICONS)})\])(?![^\]]{{0,3}}(?:{_FIELD_WORDS}))"
    r"[\u4e00-\u9fffA-Za-z]{1,4}\]"
)
LINK = re.compile(
    r"(?:(?:链接|鏈接|网址|網址)\s*[:：]?\s*)?(?:https?://|www\.)[\x21-\x7e]+", re.IGNORECASE
)
# a Weibo page's stand-ins, copied with the post: 网页链接 for a link, ...全文 or 展开全文 for the
# rest of a long post (a scraped page keeps the icon's letter: 展开全文c)
WEIBO_STAND_INS = re.compile(
    r"(?:\.{2,3}|…{1,2})\s*全文|(?:展开|展開|收起)全文[a-z]?|网页链接|網頁鏈接"
)
# a word that only says the message is a complaint (投诉, 我要投诉): in the labelled data 投诉 comes
# inside telecom work orders and escalations, so as a mail's subject it moved one label in twenty
_COMPLAINT_WORD = r"(?:我要|我想|客户|客戶|顾客|顧客|用户|用戶)?(?:投诉|投訴)信?"
# simplified and traditional forms: the reader runs before normalisation folds them together
_ADDRESSEES = (
    "客服|团队|團隊|公司|官方|先生|女士|经理|經理|领导|領導|负责人|負責人|人员|人員"
    "|小二|店家|商家|老板|老闆"
)
OPENING = re.compile(
    r"^(?:\s*(?:"
    r"(?:尊敬的|亲爱的|親愛的|致(?!使))[^\n：:，,。！!？?]{0,20}(?:[：:！!]|[，,]\s*\n)"
    rf"|[^\n：:，,。！!？?]{{0,15}}?(?:{_ADDRESSEES})\s*(?:[：:]|[，,!！]?\s*\n)"
    rf"|[^\n：:，,。！!？?]{{0,12}}?(?:您好|你好|们好|家好|各位[^\n：:，,。！!？?]{{0,8}}?好)[!！，,：:\s]"
    rf"|(?:您好|你好|hi|hello|dear|hey)[^\n：:，,。！!？?]{{0,12}}?(?:{_ADDRESSEES})[!！，,：:\s]"
    r"|(?:dear|hi|hello|hey)\b[ a-z/.,]{0,30}\n"
    rf"|{_COMPLAINT_WORD}(?:[:：!！，,。]|\s*\n)"
    r"|[【\[](?:投诉|投訴|求助|维权|維權|申诉|申訴|转发|轉發|转载|轉載|转|轉"
    r"|(?:app|意见|意見|用户|用戶|问题|問題)?(?:反馈|反饋)"
    # a shop review's kind and the urgency a sender claims, which the guide does not count
    r"|追评|追評|追加评论|追加評論|差评|差評|中评|中評|紧急|緊急|加急)[】\]]"
    r"|(?:转|轉)(?:发|發|载|載)?[：:]"
    r"|(?:追评|追評|追加评论|追加評論)[：:]"
    r"|(?:紧急|緊急|加急)[!！]"
    r"|(?:客户|客戶|用户|用戶|市民|顾客|顧客|来电人|來電人|机主|機主|诉求人|訴求人|投诉人|投訴人"
    r"|举报人|舉報人|反映人|网友|網友|业主|業主|消费者|消費者|车主|車主|乘客|旅客|住户|住戶|居民"
    r"|患者|家长|家長|会员|會員)(?:于[^\n，,。：:]{0,12})?"
    r"(?:(?:来电|來電|致电|致電|投诉|投訴)(?:反映|反应|反應|称|稱|表示)|反映|反应|反應|表示"
    r"|投诉|投訴|(?:称|稱)(?=[：:]))[：:，,]?"
    # a greeting typed straight into the complaint (你好快递没到), not the start of a word:
    # 你好用吗, 你好歹, 亲测, 亲自, 亲戚, high
    rf"|(?:(?:您好|你好)(?![吗嗎用看听聽吃玩歹像])|(?:hi|hello|dear|hey)(?![a-z])|亲们|親們"
    r"|(?:亲|親)(?![测測子戚身自眼人手口友属屬爱愛耐切近情吻密生历歷笔筆临臨])"
    rf"|在吗|在嗎|在么|在麼|在不在){_PUNCTUATION}*"
    # a Weibo comment that answers another comment (回复@客服小美:): the platform writes it
    r"|(?:回复|回覆)@[^\s@:：]{1,30}[:：]"
    # a call for a person before the complaint, typed to a chat robot
    rf"|(?:转人工|轉人工|人工客服|人工服务|人工服務|找人工){_PUNCTUATION}+"
    r"))+",
    re.IGNORECASE,
)
CLOSING_WORDS = (
    "谢谢", "謝謝", "多谢", "多謝", "感谢", "感謝", "辛苦了", "辛苦您了", "辛苦你们了",
    "辛苦你們了", "盼复", "盼覆", "盼復", "静候回复", "靜候回覆", "期待回复", "期待回覆",
    "期待您的回复", "期待您的回覆", "望回复", "望回覆", "望尽快回复", "望儘快回覆", "此致",
    "敬礼", "敬禮", "祝好", "祝工作顺利", "祝工作順利", "祝您工作顺利", "祝您工作順利",
    "望贵公司重视", "望貴公司重視", "请贵公司重视", "請貴公司重視", "望重视", "望重視",
    # it only says the message is a complaint (我要投诉你们！): as the last words they moved one
    # priority in six to P1, which the guide gives for escalating elsewhere (12315, 消协)
    "我要投诉", "我要投訴", "我想投诉", "我想投訴",
    # the facts vouched for, a check asked for: a formal letter's and a hotline's last words
    "以上情况属实", "以上情況屬實", "以上内容属实", "以上內容屬實", "情况属实", "情況屬實",
    "请核实", "請核實", "请予核实", "請予核實", "请予以核实", "請予以核實", "望核实", "望核實",
    "best regards", "kind regards", "regards", "best wishes", "best", "sincerely", "thanks",
    "thank you",
)  # fmt: skip
# thanks for the trouble (麻烦您了), not a complaint of it (售后太麻烦了)
CLOSING_TROUBLE = ("麻烦了", "麻煩了", "麻烦您了", "麻煩您了")
# degree words: with thanks they close (太感谢了), with trouble they complain (太麻烦了)
DEGREE = ("太", "很", "特别", "特別")
TROUBLE_DEGREE = (*DEGREE, "挺", "好", "超", "更", "有点", "有點", "有些")
# what may stand around a closing word: 先谢谢了, 非常感谢您, 太感谢了, 谢谢啦～, 辛苦你们了;
# before thanks for the trouble, only the polite words (先麻烦您了)
POLITE_BEFORE = (
    "先", "提前", "在此", "特此", "非常", "十分", "万分", "萬分", "衷心", "真诚", "真誠", "真心",
)  # fmt: skip
CLOSING_BEFORE = (*POLITE_BEFORE, "真是太", "真的太", "真的很", "实在太", "實在太", *DEGREE)
CLOSING_AFTER = ("您", "你", "你们", "你們", "您们", "大家", "各位")
CLOSING_PARTICLES = ("啦", "了", "哈", "哈哈", "呀", "啊", "哦", "喔", "咯", "哟", "喲", "呢")


def _reversed_alternatives(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(word[::-1]) for word in words) + ")"


_CLOSING_WORD = (
    f"{_reversed_alternatives(CLOSING_PARTICLES)}?{_reversed_alternatives(CLOSING_AFTER)}?"
    f"(?:{_reversed_alternatives(CLOSING_WORDS)}{_reversed_alternatives(CLOSING_BEFORE)}?"
    f"|{_reversed_alternatives(CLOSING_TROUBLE)}{_reversed_alternatives(POLITE_BEFORE)}?"
    f"(?!{_reversed_alternatives(TROUBLE_DEGREE)}))"
)
# matched on the reversed tail: signature lines (a name, a company, a phone), then closing
# words and the punctuation between them (the complaint keeps its own last full stop)
CLOSING_REVERSED = re.compile(
    rf"(?:[^\n。！!？?]{{0,24}}\n)*{_PUNCTUATION}*{_CLOSING_WORD}(?:{_PUNCTUATION}*{_CLOSING_WORD})*",
    re.IGNORECASE,
)
CLOSING_SPAN = 80
SUBJECT_PREFIX = re.compile(
    rf"^(?:\s*(?:re|fw|fwd|回复|答复|转发|{_COMPLAINT_WORD})\s*[:：]\s*)+", re.IGNORECASE
)
SUBJECT_LABEL = re.compile(rf"\s*{_COMPLAINT_WORD}\s*[!！.。]*\s*")
# what a message with no content of its own is made of, in normalised text (simplified, lower
# case, half-width): greetings, calls for an agent, acknowledgements, thanks, tests, emoticon
# codes ([微笑]), emoji, punctuation and digits
CHAT_WORDS = (
    "您好", "你好", "你们好", "大家好", "早上好", "上午好", "中午好", "下午好", "晚上好", "早安",
    "晚安", "hi", "hello", "hey", "哈喽", "嗨", "亲", "在吗", "在么", "在嘛", "在不在", "有人吗",
    "有人在吗", "有没有人", "请问", "客服", "人工", "人工客服", "人工服务", "转人工", "好的",
    "好滴", "好哒", "好", "嗯", "恩", "哦", "噢", "喔", "呃", "啊", "哈", "呵", "嘿", "嘻", "行",
    "可以", "对", "是的", "知道了", "明白了", "明白", "了解", "收到", "ok", "okay", "谢谢",
    "谢了", "多谢", "感谢", "thanks", "thank you", "thx", "不客气", "没事了", "没事", "不用了",
    "没关系", "没问题", "测试", "test", "testing",
    # a test message's own words: 这是一条测试消息，请忽略; 测试一下这个邮箱能不能收到
    "测试一下", "试一下", "试试", "这是一条", "这是", "一条", "一下", "这个", "测试消息",
    "测试邮件", "测试短信", "测试留言", "留言测试", "消息", "邮箱", "请忽略", "忽略", "请勿回复",
    "勿回复", "能不能", "能否", "发出去", "看看", "正常", "邮件", "短信", "收得到", "能收到",
    "表单", "提交", "成功",
    # a ping for an answer: 在的话回个话呗; 收到请回复
    "在的话", "的话", "麻烦", "回复", "请回复", "回个话", "回话", "回我", "回一下", "小姐姐",
    "小哥哥", "呀", "呗", "啦", "吧",
)  # fmt: skip
# possessive and atomic, longest word first: a message fails at its first word of content
# without the engine trying other ways to cut the chat before it
CONTENT_FREE = re.compile(
    r"(?:(?>"
    + "|".join(re.escape(word) for word in sorted(CHAT_WORDS, key=len, reverse=True))
    + r")|\[[^\[\]\n]{1,8}\]|[\W\d_])*+"
)


def strip_quoted(text: str) -> str:
    """What the sender wrote, without the quoted message below it, the signature or a
    confidentiality notice."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if (
            QUOTE_STARTS.match(stripped)
            or SIGNATURE_START.match(stripped)
            or DISCLAIMER_START.match(stripped)
        ):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    while kept and not kept[-1].strip(RULE_CHARACTERS):  # the rule drawn above a signature
        kept.pop()
    return "\n".join(kept).strip()


def is_sender_line(line: str) -> bool:
    """发件人：… or From: …, the line a mail's header block starts with."""
    header = HEADER_LINE.match(line.strip())
    return header is not None and header["field"].lower() in SENDER_FIELDS


def read_header_block(lines: list[str], position: int) -> tuple[dict[str, str], int]:
    """The fields of the header block at or after `lines[position]` (blank lines before it
    skipped; the first of a field kept) and the number of the line after the block."""
    fields: dict[str, str] = {}
    while position < len(lines):
        line = lines[position]
        header = HEADER_LINE.match(line.strip())
        # a long recipient list goes on in an indented line
        continued = bool(fields) and line[:1] in (" ", "\t") and bool(line.strip())
        if header is None and not continued and (fields or line.strip()):
            break
        if header is not None:
            fields.setdefault(header["field"].lower(), header["value"].strip())
        position += 1
    return fields, position


def _pasted_mail(text: str) -> str | None:
    """The subject and message of a text that begins with a mail's header block: a mail pasted
    whole into a form or a spreadsheet cell (发件人：…\n主题：…\n\n正文), which reads as all quote.
    Its header named an address and a date, and the notice under it read as a privacy
    complaint."""
    lines = text.split("\n")
    start = next((number for number, line in enumerate(lines) if line.strip()), 0)
    if not is_sender_line(lines[start]):
        # a rule or a line that says what follows (-----原始邮件-----) may stand above it
        start += 1
        if start >= len(lines) or not is_sender_line(lines[start]):
            return None
    fields, position = read_header_block(lines, start)
    message = complaint_body("\n".join(lines[position:])).strip()
    subject = subject_body(next((fields[name] for name in SUBJECT_FIELDS if name in fields), ""))
    return "\n".join(part for part in (subject.strip(), message) if part) or None


def customer_turns(text: str) -> str:
    """What the customer said in a chat pasted with both sides; any other text as it is, but
    for the stamped headers of a chat tool's export."""
    speakers = {match["who"] for match in SPEAKER.finditer(text)}
    if speakers.isdisjoint(_CUSTOMER_SPEAKERS) or speakers.isdisjoint(_AGENT_SPEAKERS):
        return STAMPED_HEADER.sub("", text) if speakers else text
    kept, agent_speaking = [], False
    for line in text.split("\n"):
        speaker = SPEAKER.match(line)
        if speaker:  # a line without a speaker goes on with the last one's turn
            agent_speaking, line = speaker["who"] in _AGENT_SPEAKERS, line[speaker.end() :]
        if not agent_speaking:
            kept.append(line)
    return "\n".join(kept)


def _text_of_markup(markup: re.Match[str]) -> str:
    if markup.group().startswith("&"):
        return html.unescape(markup.group()).replace("\xa0", " ")
    return "\n" if markup["block"] else " "


def complaint_body(text: str) -> str:
    """The text without quoted replies, salutation, greeting, closing, service handles, links
    and repost chains; the text itself when nothing else would remain."""
    if "<" in text or "&" in text:
        text = MARKUP.sub(_text_of_markup, text)
    body = strip_quoted(text) if "\n" in text else text
    if not body and (pasted := _pasted_mail(text.replace("\r\n", "\n"))):
        return pasted
    if "\n" in body and ("：" in body or ":" in body):
        body = customer_turns(body)
    if "\n" in body and any(word in body for word in DESK_NOTE_WORDS):
        body = DESK_NOTE.sub("", body)
    if "@" in body:
        body = SERVICE_HANDLE.sub(" ", REPOST_CHAIN.sub("", body))
    if "//" in body or "www." in body:
        body = LINK.sub(" ", body)
    if "全文" in body or "链接" in body or "鏈接" in body:
        body = WEIBO_STAND_INS.sub(" ", body)
    if "#" in body:
        body = TOPIC_MARKS.sub(r" \1 ", COMPLAINT_TAG.sub(" ", body))
    if "转发" in body or "轉發" in body:
        body = REPOST_DEFAULT.sub(" ", body)
    if "[" in body:
        body = EMOTICON.sub(" ", body)
    if body.endswith((")", "）", "]", "】")):
        note = SOURCE_NOTE.search(body, max(len(body) - SOURCE_SPAN, 0))
        if note:
            body = body[: note.start()]
    opening = OPENING.match(body)
    if opening:
        body = body[opening.end() :]
    closing = CLOSING_REVERSED.match(body[: -CLOSING_SPAN - 1 : -1])
    if closing:
        body = body[: len(body) - closing.end()]
    if ("1" in body or "一、" in body or "①" in body) and FIRST_POINT.search(body):
        body = LIST_MARKER.sub(" ", body)
    body = body.strip()
    if (
        body.endswith(CLOSING_QUOTES)
        and body[0] + body[-1] in ENCLOSING_QUOTES
        and body[0] not in body[1:-1]
        and len(body) > 2
    ):
        body = body[1:-1].strip()
    if "\n" in body or body.startswith(INTRODUCTION_WORDS):
        body = without_sender_lines(body)
    return body or text


def is_content_free(normalised: str) -> bool:
    """Whether a normalised message says nothing but hello, thanks, ok or 测试: the labelling
    guide's "empty or meaningless message", which no complaint data teaches a model."""
    return CONTENT_FREE.fullmatch(normalised) is not None


def subject_body(subject: str) -> str:
    """A subject without its reply and forward prefixes (Re:, 回复：) and without a word that
    only says it is a complaint (投诉, 我要投诉：)."""
    subject = SUBJECT_PREFIX.sub("", subject)
    return "" if SUBJECT_LABEL.fullmatch(subject) else subject
