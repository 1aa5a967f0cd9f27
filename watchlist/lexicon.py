"""Small built-in word lists the matcher and event finder lean on.

They are deliberately short and hand-written: enough to flag the aliases that
are also everyday words in the languages we read (English, Indonesian,
Portuguese, Spanish), not a dictionary. Everything here is casefolded.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words in text."""
    return frozenset(text.split())


# Everyday words that are also names of companies/products/people someone may
# watch. An alias in this set is matched case-sensitively and with context
# rules ("a meta" in Portuguese is a goal, "apple pie" is food).
_COLLIDING_NOUNS = words(
    """
meta apple amazon segment mistral gemini scale figure character cohere perplexity
runway notion stability inflection together writer cursor adept glean sierra luma
oracle intel tesla snowflake magic anthropic harvey windsurf replicate modal baseten
groq grok claude llama falcon jasper tome pilot copilot reflection essential imbue
sama zuck palm bard orion sora vision gem zoom slack square block shopify
"""
)

# Function words and very common words in en/id/pt/es. Used twice: an alias
# that is one of them is ambiguous, and a capitalised one before a surname is
# a sentence opener ("Namun Altman ..."), not somebody else's first name.
_FUNCTION_WORDS = words(
    """
a an the of for to in on at by with from and or but not no is are was were be been
it its this that these those he she they we you i his her their our my your as if so
then than when while where who whom whose which what why how after before since
about into over under again also still just only even yet here there now today
however although though because meanwhile earlier later last next new former ex
according said says say told tells report reports reportedly sources source
yang dan di ke dari untuk dengan pada dalam itu ini adalah ia dia mereka kami kita
saya akan sudah telah juga atau tetapi tapi namun karena sehingga saat ketika
setelah sebelum menurut kata bahwa oleh para sang si pak bu bapak ibu mantan baru
kini sementara selain bagi tentang seperti sama lalu kemudian bahkan meski meskipun
walaupun sebagai hingga sejak tak tidak bukan belum masih lagi pun hal
o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com
sem sob sobre e ou mas que se não é foi era são ser está estava ele ela eles elas
seu sua seus suas este esta esse essa isso aquele aquela quando onde como porque
segundo após antes depois desde também ainda já mesmo embora enquanto ex
el la los las un una del al y pero con sin su sus es fue era según tras
"""
)

COMMON_WORDS: frozenset[str] = _COLLIDING_NOUNS | _FUNCTION_WORDS
# Story grouping keeps product names (Sora, Claude) as the names they are.
FUNCTION_WORDS: frozenset[str] = _FUNCTION_WORDS

# Lower-case words that, right after a sentence-initial ambiguous alias, show
# it is the common noun ("Meta de vendas ...", "Sama seperti ...").
NOUN_CONNECTORS: frozenset[str] = words("of de da do das dos del para seperti dengan atau ou")

# Words near an ambiguous alias that show the everyday sense: checked in the
# word before the alias and the few words after it in the sentence,
# case-insensitively.
SENSE_CUES: dict[str, frozenset[str]] = {
    "apple": words(
        "pie pies juice tree trees orchard orchards cider sauce crumble fruit seeds "
        "tart strudel cake vinegar picking picked harvest apel maçã maca"
    ),
    "mistral": words("wind winds vento ventos angin blows blew blowing gusts northerly"),
    "gemini": words(
        "zodiac horoscope horoscopes sign signs season constellation twins signo "
        "zodíaco zodiaco rasi bintang"
    ),
    "amazon": words(
        "river rainforest basin jungle forest forests rio floresta sungai hutan warrior "
        "warriors parrot parrots tribes deforestation bacia lembah"
    ),
    "tesla": words("coil coils unit units nikola"),
    "oracle": words("of bones delphi"),
    "scale": words("model models of"),
    "anthropic": words("principle principles reasoning bias argument prinsip princípio"),
    "intel": words("agencies agency officials operatives sources gathering gathered inteligência"),
    "perplexity": words(
        "score scores metric metrics metrik métrica measured diukur kebingungan per-token"
    ),
    "segment": words("anything market markets of"),
    "meta": words("fiscal anual primária primaria inflação inflacao vendas"),
}

# Words that may stand before a surname without being another first name:
# titles and roles in the languages we read.
HONORIFICS: frozenset[str] = words("""
    mr mrs ms dr prof sir dame lord pak bapak bu ibu sr sra senhor senhora dom don dona
    ceo cto cfo coo cso cpo president presidente presiden founder cofounder co-founder
    chairman chair chief director diretor direktur executive executivo eksekutif
    pendiri fundador bos boss chefe kepala ketua researcher peneliti pesquisador
    engineer insinyur engenheiro scientist ilmuwan cientista analyst rep senator
    minister menteri ministro judge hakim juiz
    """)

# Words that show an article is about technology or business, in the
# languages we read: a name that could be an everyday word (a sentence-opening
# "Intel", an all-caps "META") or a bare surname needs one of them nearby.
INDUSTRY_WORDS: frozenset[str] = words("""
    chip chips cip semiconductor semikonduktor model models modelo modelos startup startups
    ceo cto cfo executive executives executivo executivos eksekutif chatbot chatbots llm gpt
    software cloud gpu gpus datacenter investors investor investidores investor investasi
    funding pendanaan revenue revenues receita pendapatan shares saham ações acoes valuation
    valuasi billion billions bilhões bilhoes miliar triliun trillion company companies
    empresa empresas perusahaan tech teknologi tecnologia technology intelligence
    inteligência inteligencia kecerdasan workforce employees funcionários funcionarios
    karyawan layoffs demissões demissoes engineers engenheiros insinyur users usuários
    pengguna app apps aplikasi aplicativo smartphone iphone platform plataforma agents
    agentes compute algorithm algoritma algoritmo benchmark benchmarks robot robots
    training weights inference lab labs laboratório laboratorium research pesquisa
    riset openai nasdaq wall stock stocks earnings profit profits lucro laba quarter
    kuartal trimestre
    """)

# Words that, right after a sentence-opening name, read as what a company
# does ("Meta says", "Apple is", "A Meta vai", "Meta akan").
ORG_VERBS: frozenset[str] = words("""
    is was has had will would said says plans may might can could should to wants
    announced announces unveiled unveils released releases launched launches reported
    reports agreed agrees bought buys sold sells hired hires raised raises
    spoke told made took gave won lost got began went came sent cut set put bet saw became
    built kept left paid ran sought held led grew drew wrote chose shut
    akan sudah telah kini juga dikabarkan resmi
    vai deve anunciou anuncia lançou lança lanca disse diz demite demitiu comprou compra
    investe investiu quer tem é foi está esta
    lanzó lanzo anunció anuncio compró dijo
    """)

# Lower-case words that may follow a hyphen after a name and keep it the
# name ("Meta-backed", "OpenAI-nya"); any other ("Meta-analysis") makes a
# new word.
COMPOUND_SUFFIXES: frozenset[str] = words("""
    backed owned funded led based made built run operated supported affiliated linked
    powered branded designed sponsored style like era rival nya
    """)
