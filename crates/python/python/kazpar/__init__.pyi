from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Tuple

__version__: str
SACREBLEU_VERSION: str

class Score:
    """A metric score: sacreBLEU's ``name``, ``score`` (0–100), ``signature``."""

    name: str
    score: float
    signature: str
    verbose: str
    details: str
    def format(self, width: int) -> str: ...
    def __float__(self) -> float: ...

def normalize(text: str, lang: Literal["kk", "en", "auto"] = "kk", punct: Literal["keep", "ascii"] = "keep") -> str: ...
def normalize_batch(
    texts: List[str], lang: Literal["kk", "en", "auto"] = "kk", punct: Literal["keep", "ascii"] = "keep"
) -> List[str]: ...
def split(text: str, lang: Literal["kk", "en"] = "kk") -> List[str]: ...
def split_spans(text: str, lang: Literal["kk", "en"] = "kk") -> List[Tuple[int, int]]: ...
def split_batch(texts: List[str], lang: Literal["kk", "en"] = "kk") -> List[List[str]]: ...
def split_spans_batch(texts: List[str], lang: Literal["kk", "en"] = "kk") -> List[List[Tuple[int, int]]]: ...
def align(kk: List[str], en: List[str], doc: str = "doc", word_list: bool = True) -> List[Dict[str, Any]]: ...
def build(docs: Iterable[Mapping[str, Any]], errors: Literal["raise", "skip"] = "raise", word_list: bool = True) -> List[Dict[str, Any]]: ...
def corpus_bleu(
    hypotheses: List[str],
    references: List[List[str]],
    smooth_method: str = "exp",
    smooth_value: Optional[float] = None,
    lowercase: bool = False,
    tokenize: str = "13a",
    use_effective_order: bool = False,
    spm_model: Optional[str] = None,
) -> Score: ...
def sentence_bleu(
    hypothesis: str,
    references: List[str],
    smooth_method: str = "exp",
    smooth_value: Optional[float] = None,
    lowercase: bool = False,
    tokenize: str = "13a",
    use_effective_order: bool = True,
    spm_model: Optional[str] = None,
) -> Score: ...
def corpus_chrf(
    hypotheses: List[str],
    references: List[List[str]],
    char_order: int = 6,
    word_order: int = 0,
    beta: int = 2,
    lowercase: bool = False,
    remove_whitespace: bool = True,
    eps_smoothing: bool = False,
) -> Score: ...
def sentence_chrf(
    hypothesis: str,
    references: List[str],
    char_order: int = 6,
    word_order: int = 0,
    beta: int = 2,
    lowercase: bool = False,
    remove_whitespace: bool = True,
    eps_smoothing: bool = False,
) -> Score: ...
def corpus_ter(
    hypotheses: List[str],
    references: List[List[str]],
    normalized: bool = False,
    no_punct: bool = False,
    case_sensitive: bool = False,
) -> Score: ...
def sentence_ter(
    hypothesis: str,
    references: List[str],
    normalized: bool = False,
    no_punct: bool = False,
    case_sensitive: bool = False,
) -> Score: ...
