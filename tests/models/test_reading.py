from models.joined_texts import JoinedTexts
from models.normalise import normalise_batch
from models.reading import GUARDS, what_features_read

WRAPPED = [
    "快递没到\n我的手机号是13812345678",  # contact details
    "【投诉进度】处理中\n快递没到",  # a platform's status field
    "嗯，快递没到，就这样",  # spoken fillers
    "快递没到，麻烦联系我",  # a plea to be called back
    "水果很新鲜，就是少发了两个",  # praise in a text that turns
]
PLAIN = ["快递没到", "网络断了三天", "但是我没收到货", "质量很好"]


def test_each_step_reads_its_texts_and_leaves_the_others() -> None:
    read = what_features_read(JoinedTexts(normalise_batch(WRAPPED + PLAIN)))
    assert [" ".join(text.replace(",", " ").split()) for text in read[: len(WRAPPED)]] == [
        "快递没到",
        "快递没到",
        "快递没到",
        "快递没到",
        "就是少发了两个",
    ]
    assert read[len(WRAPPED) :] == normalise_batch(PLAIN)


def test_a_text_reads_the_same_alone_and_in_a_batch() -> None:
    texts = normalise_batch(WRAPPED + PLAIN)
    batch = what_features_read(JoinedTexts(texts))
    assert [what_features_read(JoinedTexts([text]))[0] for text in texts] == batch
    assert what_features_read(JoinedTexts([])) == []


def test_every_guard_is_tried_only_where_it_may_begin() -> None:
    assert not any(GUARDS.scanned_whole)
