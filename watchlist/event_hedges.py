"""The words that make an event keyword doubtful: negations next to it,
hedges and denials before it, verdicts of untruth after it, and the openers
of conditions and questions (read by watchlist.event_checks.negated).
"""

from __future__ import annotations

from watchlist.lexicon import words

NEGATIONS = words("""
    not never no n't didn't doesn't don't won't isn't wasn't denies denied deny
    tidak tak bukan belum membantah
    nao não nunca nem negou negam desmentiu jamais
    menolak enggan ogah refused refuses refusing recusou recusa recusaram
    rejeitou
    """)
# Anywhere before the keyword in its sentence: the event is doubted or denied.
HEDGES = words("""
    rumor rumors rumour rumours speculation speculated considering consider mulling
    weighing might could offer bid denied denies deny
    kabar isu spekulasi mempertimbangkan tawaran membantah dikabarkan bisa mungkin
    menepis bantah diperkirakan diprediksi rencananya wacana pembicaraan dilirik
    kabarnya tertarik menjajaki
    kemungkinan talvez possivelmente schedule jadwal cronograma
    rumores boatos especulação especulacao considerando estaria poderia pode proposta
    teria teriam estariam
    conversas conversa tratativas negociações negociacoes perundingan
    estuda estudando avalia avaliando
    talks negotiating negotiations wants want wanted plans planning hopes hoping aims
    queria queriam
    bernegosiasi negosiasi berencana rencana ingin berharap
    negocia negociando planeja planejando pretende espera esperam quer
    oferta negou nega desmentiu desmente
    threaten threatens threatened threatening mengancam ancam ameaça ameaca ameaçou ameacou
    ameaçaram ameacaram ameaçam ameacam
    whether apakah
    should ought sebaiknya seharusnya deveria deveriam
    tried tries berniat bermaksud tentou tenta tentaram mencoba berupaya berusaha
    discussed discussing discutiu discute discutiram membahas
    warrant warrants waran
    ready willing prepared preparing prepares siap bersedia disposto disposta pronto pronta
    menyiapkan mempersiapkan preparava prepara preparam
    expected expects likely poised nearing nears verge brink prestes
    idea ideia hipótese hipotese gagasan asked
    failed fails failing gagal fracassou fracassa falhou falha attempt attempts upaya tentativa
    scrapped scraps abandoned batal membatalkan desistiu desiste cancelou
    blocked blocks memblokir bloqueou vetou tipped sebut digadang cotado cotada
    urge urges urged urging pressing pressure pressuring mendesak desak mendorong
    pressionam pressiona pressionar pressionando
    gosip desas selentingan mengkaji menimbang dipertimbangkan boato cogita cogitam
    peluang dijadwalkan diharapkan diproyeksikan ditargetkan
    berpotensi diisukan digosipkan konon ditengarai diyakini diduga disinyalir
    allegedly supostamente reportedly
    descartou descarta descartaram descartam descartar menampik
    anggapan notion
    possible potential possível possivel possíveis possiveis eventual eventuais
    pensa pensam pensando deve devem
    """)
# "Reports of Kevin Weil's departure ...": a report's subject, not the news
HEDGE_PAIRS = {
    ("reports", "of"),
    ("report", "of"),
    ("rumours", "of"),
    ("rumors", "of"),
    ("talk", "of"),
    ("ninguém", "sabe"),
    # "Não procede a informação de que ...": the report is denied first
    ("não", "procede"),
    # "não quis dizer se ...", "perguntado se": an embedded "whether"
    ("dizer", "se"),
    ("saber", "se"),
    ("sabe", "se"),
    ("perguntado", "se"),
    ("questionado", "se"),
    ("confirmar", "se"),
    ("decidir", "se"),
    ("nada", "foi"),
    ("no", "deal"),
    ("nao", "procede"),
    ("nobody", "knows"),
    # "would have joined Microsoft": a counterfactual, it did not happen
    # "mundur dari kesepakatan membeli Twitter": backed out of the deal
    ("dari", "kesepakatan"),
    ("dari", "pembicaraan"),
    ("dari", "rencana"),
    # "declined to join Meta"; not "shares declined after ..."
    ("declined", "to"),
    ("declines", "to"),
    ("would", "have"),
    ("could", "have"),
    ("might", "have"),
    # "pulled out of OpenAI's round", "menarik diri dari putaran pendanaan":
    # withdrawing from a deal undoes it
    ("pulled", "out"),
    ("pulls", "out"),
    ("pulling", "out"),
    ("backed", "out"),
    ("backs", "out"),
    ("withdrew", "from"),
    ("withdraws", "from"),
    ("dari", "putaran"),
    # "has yet to release GPT-5": not done yet
    ("yet", "to"),
    ("has", "yet"),
    ("have", "yet"),
    ("had", "yet"),
}
# Anywhere after the keyword in its sentence: the report is called untrue,
# or the keyword describes a state since long ago ("bergabung sejak 2017").
VERDICTS = words("""
    false untrue hoax denied dismissed since sejak desde delayed postponed ditunda
    tertunda adiado adiada adiados rumored rumoured speculated especulada especulado
    especulava
    hoaks bohong dibantah
    falso falsos falsa falsas mentira desmentido desmentida negado negada negados negadas
    desmentidos desmentidas ditolak rejected vetada vetado vetoed bloqueada bloqueado
    unclear uncertain incógnita incognita incerto incerta
    collapsed collapses cancelled canceled dibatalkan cancelado cancelada fracassou
    stalled stall mandek macet travaram travou emperrou emperraram
    rumores boatos
    """)
VERDICT_PAIRS = {
    ("fell", "through"),
    ("fell", "apart"),
    ("falls", "through"),
    ("called", "off"),
    ("sebatas", "spekulasi"),
    ("sebatas", "rumor"),
    ("sebatas", "isu"),
    # "... hanyalah rumor", "isu belaka": the report is called a rumour
    ("hanyalah", "rumor"),
    ("hanya", "rumor"),
    ("hanyalah", "isu"),
    ("hanya", "isu"),
    ("hanyalah", "gosip"),
    ("hanya", "gosip"),
    ("isu", "belaka"),
    ("rumor", "belaka"),
    ("gosip", "belaka"),
    ("not", "true"),
    ("tidak", "benar"),
    ("não", "procede"),
    # "não quis dizer se ...", "perguntado se": an embedded "whether"
    ("dizer", "se"),
    ("saber", "se"),
    ("sabe", "se"),
    ("perguntado", "se"),
    ("questionado", "se"),
    ("confirmar", "se"),
    ("decidir", "se"),
    ("nada", "foi"),
    ("no", "deal"),
    ("belum", "jelas"),
    ("tidak", "jelas"),
    # "... is not on the table", "tidak ada dalam agenda", "não está em discussão"
    ("the", "table"),
    ("dalam", "agenda"),
    ("em", "discussão"),
    ("em", "discussao"),
    ("em", "pauta"),
    ("de", "cogitação"),
    ("de", "cogitacao"),
}
# A sentence opening with one of these is a condition or a question, not news:
# "If Nadella steps down ...", "Se Suleyman vai sair ...", "Apakah ... hengkang".
CONDITIONAL_OPENERS = words(
    "if whether se jika kalau bila apakah caso had were seandainya andaikan andaikata"
)
# After the keyword in its sentence, these open the condition it hangs on:
# "would step down only if the board asked", "vai deixar a Tesla se não
# receber". Portuguese "se" is also a pronoun ("e se juntou"), so it counts
# only before what opens a clause (CONDITION_SE_NEXT).
CONDITIONS_AFTER = words("if unless jika kalau bila apabila asalkan caso")
CONDITION_SE_NEXT = words("não nao o a os as ele ela eles elas houver for tiver")
# Right before a keyword told as a noun, these make the event a topic, not
# news: "memberikan suara soal investasi di xAI", "debate sobre a compra".
TOPIC_WORDS = words("soal tentang mengenai seputar perihal about sobre acerca")
