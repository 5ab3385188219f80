// Hand-written word lists for the test model's vocabulary.

// Function words carry almost no topic, so the test model all but ignores them
// (a real model learns the same). Lowercase, as the tokenizer sees them.
export const STOPWORDS: readonly string[] = `
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves s t ll re ve d m
`.split(/\s+/).filter(Boolean);

// Words people use when asking about the essays, so that questions reach the
// model as whole words instead of falling apart into characters.
export const QUESTION_WORDS: readonly string[] = `
what why how who whom whose when where which does do did done want wants wanted think thinks thought
say says said tell told explain explains describe means mean meaning happen happens happened happening
will would could should might may must can cannot expect expects expected plan plans planned goal goals
aim aims intend intends believe believes view views opinion position positions stance argue argues
argument claim claims according reason reasons cause causes result results outcome outcomes effect
effects impact consequence consequences role purpose strategy strategies tactic tactics approach
negotiate negotiates negotiated negotiating negotiation negotiations negotiator negotiators talk talks
talked talking discuss discussed discussion discussions meet meets met meeting meetings summit summits
call calls called phone conversation conversations agree agrees agreed agreement agreements deal deals
treaty treaties ceasefire truce compromise compromises concession concessions demand demands demanded
offer offers offered propose proposed proposal proposals accept accepted reject rejected refuse
refused sanction sanctions pressure threat threats threaten warn warned president presidents leader
leaders leadership government governments administration official officials minister ministers
diplomat diplomats diplomacy diplomatic envoy envoys ambassador foreign policy policies politics
political election elections power powers state states country countries nation nations national
international world global region regional border borders territory territories land occupied
occupation war wars warfare peace peaceful conflict conflicts fight fighting battle army armies
military troops soldiers weapons weapon missile missiles nuclear attack attacks invasion invade
invaded defense defence security alliance allies ally support supports supported aid help helps
economy economic trade money oil gas energy price prices market markets resources minerals business
relationship relations relation tension tensions crisis future past present history historical
year years month months week weeks day days time times today now soon later recent recently
new old long short big small large important major main key first last next previous early late
good bad better worse best worst right wrong true false real possible likely unlikely
russia russian russians ukraine ukrainian ukrainians america american americans united us usa europe
european europeans china chinese west western kremlin moscow kyiv kiev washington nato eu
people person public citizens population society side sides party parties group team
change changes changed win wins won lose loses lost end ends ended start starts started stop
stopped continue continues continued keep keeps give gives gave get gets got take takes took make
makes made come comes came go goes went see sees saw know knows knew find found use used try tries
tried need needs needed become becomes became remain remains remained turn turned show shows showed
lead leads led hold holds held control controls controlled
`.split(/\s+/).filter(Boolean);
