"""Builds gold.json for heldout2 (hand-labelled facts; this script only holds them as data)."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
A1 = "201_italy_parliament_cut_referendum.txt"
A2 = "202_chile_plebiscite_rejection.txt"
A3 = "203_tajikistan_referendum_term_limits.txt"
A4 = "204_ostravia_provincial_reform.txt"
A5 = "205_ostravia_judicial_reform_interview.txt"
A6 = "206_moldova_snap_election_pas.txt"

F = []
def f(src, cat, s, rel, o, kind, quote, sa=(), oa=(), **extra):
    d = {"id": None, "subject": s, "relation": rel, "object": o, "object_kind": kind,
         "subject_aliases": list(sa), "object_aliases": list(oa), "source": src,
         "quote": quote, "category": cat}
    d.update(extra)
    F.append(d)
    return d

# ---------------- 201 Italy ----------------
REF_IT = ["referendum", "constitutional referendum", "confirmatory constitutional referendum",
          "2020 Italian constitutional referendum", "referendum of 20-21 September"]
REFORM_IT = ["reform", "constitutional reform", "constitutional law", "cut to parliament",
             "reduction of the number of parliamentarians", "reduction of parliamentarians"]
PARL_IT = ["Parliament", "Italian Parliament", "national Parliament", "Parliament of Italy"]
CHAMBER_IT = ["Chamber", "Italian Chamber of Deputies", "lower house", "Camera dei Deputati"]
SENATE_IT = ["Senate", "Italian Senate", "Senato della Repubblica", "upper house"]
M5S = ["M5S", "Five Star Movement", "Movimento 5 Stelle", "Five Star"]

f(A1, "structure", "Chamber of Deputies", "is the lower house of", "Parliament of Italy", "entity",
  "The Chamber of Deputies, Italy's lower house", CHAMBER_IT, PARL_IT)
f(A1, "number", "Parliament of Italy", "number of elected members after the reform", "600", "number",
  "shrinks the national Parliament from 945 to 600 elected members", PARL_IT + ["Italian lawmakers"], ["six hundred"])
f(A1, "number", "Chamber of Deputies", "number of seats after the reform", "400", "number",
  "The Chamber of Deputies, Italy's lower house, will go from 630 seats to 400", CHAMBER_IT, ["four hundred"])
f(A1, "number", "Senate of the Republic", "number of elected senators after the reform", "200", "number",
  "the Senate of the Republic will be cut from 315 elected senators to 200", SENATE_IT, ["two hundred"])
f(A1, "number", "constitutional referendum", "Yes vote share (%)", "69.96", "number",
  '69.96% of those who cast a ballot in the referendum of 20-21 September voted "Yes"', REF_IT, ["69.96%", "nearly 70 percent"])
f(A1, "date", "constitutional referendum", "held on", "2020-09-20", "date",
  "the referendum of 20-21 September", REF_IT, ["2020-09-21", "20-21 September", "--09-20", "--09-21", "2020-09"],
  note="two-day vote (20-21 September); the year 2020 is stated in the byline and in the postponement sentence; either day matches")
f(A1, "number", "constitutional referendum", "turnout (%)", "51.12", "number",
  "Turnout was 51.12%", REF_IT, ["51.12%"])
f(A1, "document", "constitutional reform", "amends", "Articles 56, 57 and 59 of the Constitution", "text",
  "The reform amends Articles 56, 57 and 59 of the Constitution", REFORM_IT,
  ["Article 56", "Article 57", "Article 59", "Articles 56, 57 and 59", "Constitution of Italy"])
f(A1, "office", "senators for life", "appointed by (at most five at any one time)", "President of the Republic", "entity",
  "the number of life senators appointed by the President of the Republic may not exceed five at any one time",
  ["life senators", "senator for life", "life senator"], ["President of Italy", "Italian President", "head of state"])
f(A1, "region", "each region", "guaranteed minimum number of senators", "3", "number",
  "Each region will be guaranteed at least three senators, down from seven",
  ["regions", "region", "Italian regions", "minimum senators per region"], ["three"])
f(A1, "event", "constitutional referendum", "coincided with", "regional elections in seven regions", "text",
  "it eventually coincided with regional elections in seven regions", REF_IT,
  ["regional elections", "Veneto", "Liguria", "Tuscany", "Marche", "Campania", "Apulia", "Aosta Valley", "municipal elections"])
f(A1, "date", "final parliamentary vote on the constitutional law", "held on", "2019-10-08", "date",
  "The decisive vote came on 8 October 2019, when the Chamber approved the text by 553 votes to 14",
  ["decisive vote", "Chamber vote", "final approval by the Chamber", "constitutional law"], ["8 October 2019"])
f(A1, "office", "Luigi Di Maio", "holds office", "Foreign Minister", "entity",
  "Luigi Di Maio, the Foreign Minister and former political head of the M5S",
  ["Di Maio"], ["Minister of Foreign Affairs", "Foreign Minister of Italy", "foreign minister"])
f(A1, "office", "Giuseppe Conte", "holds office", "Prime Minister", "entity",
  "Prime Minister Giuseppe Conte, whose second government rests on an alliance between the M5S and the centre-left Democratic Party (PD)",
  ["Conte", "PM Conte"], ["Prime Minister of Italy", "Italian Prime Minister", "PM", "premier"])
f(A1, "party", "second Conte government", "rests on an alliance of", "Democratic Party", "entity",
  "whose second government rests on an alliance between the M5S and the centre-left Democratic Party (PD)",
  ["Conte government", "Conte II", "government"], ["PD", "Partito Democratico", "M5S", "Five Star Movement"])
c1a = f(A1, "provenance-conflict", "reduction of the number of parliamentarians", "annual savings claimed by the M5S (million euros)", "100", "number",
  "The M5S has repeatedly put them at about 100 million euros a year", REFORM_IT + ["savings", "cut"],
  ["100 million euros", "100 million", "500 million euros"])
c1b = f(A1, "provenance-conflict", "reduction of the number of parliamentarians", "annual net savings estimated by the Observatory on Italian Public Accounts (million euros)", "57", "number",
  "57 million euros a year net of taxes", REFORM_IT + ["savings", "cut"],
  ["57 million euros", "57 million", "0.007%"])
f(A1, "reform", "reduction of the number of parliamentarians", "takes effect at", "next general election", "text",
  "The new numbers take effect at the next general election, which must be held by 2023 at the latest",
  REFORM_IT + ["new numbers"], ["next general election", "next legislature", "2023"])
f(A1, "rights", "minimum age for voting in Senate elections", "would be lowered to (separate bill, pending)", "18", "number",
  "A separate constitutional bill, still under discussion, would lower the minimum age for voting in Senate elections from 25 to 18",
  ["Senate voting age", "voting age for the Senate", "minimum voting age"], ["eighteen"])
f(A1, "person", "Sergio Mattarella", "holds office", "President of the Republic", "entity",
  "Sergio Mattarella, the President of the Republic", ["Mattarella", "President Mattarella"],
  ["President of Italy", "Italian President", "head of state", "President"])

# ---------------- 202 Chile ----------------
PLEB = ["exit plebiscite", "plebiscite", "constitutional plebiscite", "2022 plebiscite", "referendum",
        "4 September plebiscite", "2022 Chilean constitutional referendum"]
CONV = ["Convention", "Convención Constitucional", "Chilean Constitutional Convention", "constitutional convention"]
DRAFT = ["proposal", "draft constitution", "proposed constitution", "proposed text", "final proposal", "draft", "text"]
f(A2, "date", "exit plebiscite", "held on", "2022-09-04", "date",
  "In the exit plebiscite held on Sunday, 4 September 2022", PLEB, ["4 September 2022"])
f(A2, "event", "draft constitution", "was rejected in", "exit plebiscite", "entity",
  "Three months after Chileans buried the draft constitution written by the Constitutional Convention",
  DRAFT + ["new constitution"], PLEB + ["rejection", "rejected"])
f(A2, "number", "Rechazo", "vote share (%)", "61.89", "number",
  '61.89% of voters chose "Rechazo" (Reject)', ["Reject", "rejection", "Rechazo option"], ["61.89%"])
f(A2, "number", "exit plebiscite", "turnout (%)", "85.8", "number",
  "More than 13 million Chileans cast a ballot, a turnout of 85.8%", PLEB, ["85.8%"])
f(A2, "region", "draft constitution", "rejected in number of regions", "16", "number",
  "The proposal was rejected in all 16 regions of the country", DRAFT, ["all 16 regions", "sixteen"])
f(A2, "office", "Gabriel Boric", "holds office", "President", "entity",
  "the government of President Gabriel Boric, the former student leader who took office on 11 March 2022",
  ["Boric", "President Boric"], ["President of Chile", "Chilean President", "head of state"])
f(A2, "event", "entry plebiscite", "approved drafting a new constitution (yes share %)", "78.28", "number",
  "in the entry plebiscite of 25 October 2020, 78.28% said yes",
  ["2020 plebiscite", "entry plebiscite of 25 October 2020", "2020 Chilean national plebiscite"], ["78.28%"])
f(A2, "number", "Constitutional Convention", "number of members", "155", "number",
  "That body, the Constitutional Convention, had 155 members", CONV, ["one hundred fifty-five"])
f(A2, "rights", "Constitutional Convention", "seats reserved for Indigenous peoples", "17", "number",
  "reserved 17 seats for Indigenous peoples", CONV + ["reserved seats", "Indigenous seats"], ["seventeen"])
f(A2, "date", "Constitutional Convention", "elected on", "2021-05-15", "date",
  "was elected on 15 and 16 May 2021", CONV + ["Convention election", "election of the Constitutional Convention"],
  ["2021-05-16", "15 and 16 May 2021", "2021-05"])
f(A2, "office", "Elisa Loncón", "was first president of", "Constitutional Convention", "entity",
  "It was first presided over by Elisa Loncón, a Mapuche linguist and academic",
  ["Loncón", "Elisa Loncon"], CONV + ["President of the Constitutional Convention", "president of the Convention"])
f(A2, "person", "María Elisa Quinteros", "succeeded Elisa Loncón as president of", "Constitutional Convention", "entity",
  "María Elisa Quinteros, a dentist from the Maule Region, succeeded her in January 2022",
  ["Quinteros", "Maria Elisa Quinteros"], CONV + ["President of the Constitutional Convention", "Elisa Loncón"])
f(A2, "document", "final proposal", "number of articles", "388", "number",
  "The text contained 388 articles", DRAFT, ["three hundred eighty-eight"])
f(A2, "reform", "draft constitution", "would have replaced the Senate with", "Chamber of Regions", "entity",
  "It would have replaced the Senate with a Chamber of Regions with reduced powers", DRAFT, ["Senate", "Cámara de las Regiones"])
f(A2, "rights", "draft constitution", "enshrined", "social rights", "text",
  "It also enshrined a long list of social rights", DRAFT,
  ["housing", "health care", "education", "water", "sexual and reproductive rights", "right to housing"])
f(A2, "office", "Carolina Tohá", "replaced Izkia Siches as", "Minister of the Interior", "entity",
  "Carolina Tohá, a former mayor of Santiago, replaced Izkia Siches as Minister of the Interior",
  ["Tohá", "Carolina Toha"], ["Interior Minister", "Ministry of the Interior", "Izkia Siches"])
f(A2, "person", "Ana Lya Uriarte", "holds office", "Minister Secretary-General of the Presidency", "entity",
  "Ana Lya Uriarte took over as Minister Secretary-General of the Presidency (Segpres)",
  ["Uriarte"], ["Segpres", "Secretary-General of the Presidency", "Minister Secretary General of the Presidency"])
f(A2, "document", "Agreement for Chile", "signed on", "2022-12-12", "date",
  'On Monday, 12 December, leaders of most parties represented in Congress signed the "Agreement for Chile"',
  ["Acuerdo por Chile", "agreement"], ["12 December", "--12-12", "12 December 2022"],
  note="year not in the sentence; the byline date is 14 December 2022")
f(A2, "structure", "Constitutional Council", "number of members", "50", "number",
  "a 50-member Constitutional Council, elected by popular vote", ["Consejo Constitucional", "council"], ["fifty"])
f(A2, "party", "Vamos por Chile", "failed to reach one-third of seats in", "Constitutional Convention", "entity",
  "the right-wing list Vamos por Chile failed to reach the one-third needed to block articles",
  ["right-wing list", "Chile Vamos"], CONV + ["one-third"])

# ---------------- 203 Tajikistan ----------------
REF_TJ = ["referendum", "constitutional referendum", "2016 referendum", "Sunday's referendum",
          "2016 Tajik constitutional referendum", "referendum of 22 May"]
CCER = ["CCER", "Central Commission for Elections and Referendums", "election commission", "commission"]
MN = ["Assembly of Representatives", "Majlisi Namoyandagon", "lower house", "lower house of parliament"]
f(A3, "event", "constitutional referendum", "approved", "41 constitutional amendments", "text",
  "Voters in Tajikistan have approved a package of 41 constitutional amendments",
  REF_TJ, ["amendments", "constitutional amendments", "41 amendments", "approval"])
f(A3, "date", "constitutional referendum", "held on", "2016-05-22", "date",
  "Sunday's referendum, held on 22 May", REF_TJ, ["22 May", "--05-22", "22 May 2016"],
  note="year stated only in the byline (23 May 2016)")
f(A3, "number", "constitutional referendum", "share voting in favour (%)", "94.5", "number",
  "94.5% of participants had voted in favour", REF_TJ, ["94.5%"])
c2a = f(A3, "provenance-conflict", "constitutional referendum", "turnout according to the CCER (%)", "92", "number",
  "Turnout, he said, was 92% of about 4.4 million registered voters", REF_TJ + ["turnout", "official turnout"], ["92%"])
c2b = f(A3, "provenance-conflict", "constitutional referendum", "turnout at 30 watched polling stations according to the Tajik Diaspora Forum (%, at most)", "45", "number",
  "had recorded turnout of no more than 45%", REF_TJ + ["turnout", "Tajik Diaspora Forum"], ["45%", "no more than 45%"])
f(A3, "person", "Bakhtiyor Khudoyorzoda", "is chairman of", "Central Commission for Elections and Referendums", "entity",
  "Bakhtiyor Khudoyorzoda, chairman of the Central Commission for Elections and Referendums (CCER)",
  ["Khudoyorzoda"], CCER)
f(A3, "structure", "Majlisi Namoyandagon", "is the lower house of", "Majlisi Oli", "entity",
  "the lower house of parliament, the Majlisi Namoyandagon (Assembly of Representatives)",
  MN, ["parliament", "Tajik parliament", "Majlisi Oli"])
f(A3, "structure", "Majlisi Milli", "is the upper chamber of", "Majlisi Oli", "entity",
  "Tajikistan's parliament, the Majlisi Oli, also has an upper chamber, the Majlisi Milli (National Assembly)",
  ["National Assembly", "upper chamber", "upper house"], ["parliament", "Tajik parliament", "Tajikistan's parliament"])
f(A3, "number", "Majlisi Namoyandagon", "number of members", "63", "number",
  "the 63-member lower house", MN, ["sixty-three"])
f(A3, "reform", "two-term limit on the presidency", "does not apply to", "Founder of Peace and National Unity – Leader of the Nation", "text",
  'the two-term limit on the presidency does not apply to the "Founder of Peace and National Unity – Leader of the Nation"',
  ["term limit", "term limits", "presidential term limit", "Article 65"], ["Leader of the Nation", "Emomali Rahmon"])
f(A3, "number", "minimum age for presidential candidates", "lowered to", "30", "number",
  "lowers the minimum age for presidential candidates from 35 to 30",
  ["minimum presidential age", "presidential age requirement", "age for presidential candidates"], ["thirty"])
f(A3, "office", "Emomali Rahmon", "holds office", "President of Tajikistan", "entity",
  "allows President Emomali Rahmon to seek re-election", ["Rahmon", "President Rahmon"],
  ["President", "president", "presidency", "head of state"])
f(A3, "date", "Leader of the Nation title", "conferred on Rahmon in", "2015-12", "date",
  "a title that parliament conferred on Rahmon in December 2015",
  ["Founder of Peace and National Unity – Leader of the Nation", "Leader of the Nation"], ["December 2015", "2015"])
f(A3, "person", "Rustam Emomali", "heads", "Agency for State Financial Control and Combating Corruption", "entity",
  "Rustam Emomali, the president's eldest son, who is 28 and heads the Agency for State Financial Control and Combating Corruption",
  ["Emomali"], ["anti-corruption agency", "Agency for State Financial Control"])
f(A3, "party", "Islamic Renaissance Party of Tajikistan", "designated a terrorist organisation by the Supreme Court in", "2015-09", "date",
  "which the Supreme Court designated a terrorist organisation in September 2015",
  ["IRPT", "Islamic Renaissance Party"], ["September 2015"])
f(A3, "party", "People's Democratic Party of Tajikistan", "seats held in the lower house", "51", "number",
  "Rahmon's own People's Democratic Party of Tajikistan (PDPT) holds 51 of those 63 seats",
  ["PDPT", "People's Democratic Party"], ["fifty-one"])
f(A3, "office", "Shukurjon Zuhurov", "is chairman of", "Majlisi Namoyandagon", "entity",
  "Shukurjon Zuhurov, the chairman of the Majlisi Namoyandagon", ["Zuhurov"],
  MN + ["Speaker of the Majlisi Namoyandagon", "speaker of the lower house"])
f(A3, "rights", "state", "obliged to guarantee", "freedom of conscience", "text",
  "a new provision that obliges the state to guarantee citizens' freedom of conscience",
  ["constitutional amendments", "amendments", "new provision"], ["citizens' freedom of conscience", "religious freedom"])
f(A3, "region", "Gorno-Badakhshan Autonomous Region", "referendum turnout (%)", "95", "number",
  "the Gorno-Badakhshan Autonomous Region (GBAO), in the mountainous east, where 95% of registered voters took part",
  ["GBAO", "Gorno-Badakhshan"], ["95%"])
f(A3, "date", "next presidential election", "scheduled for", "2020-11", "date",
  "the next presidential election, scheduled for November 2020",
  ["presidential election", "2020 presidential election"], ["November 2020", "2020"])

# ---------------- 204 Ostravia: provinces ----------------
NA_OS = ["National Assembly", "assembly", "Ostravian National Assembly", "parliament", "National Assembly of Ostravia"]
TAA = ["Territorial Administration Act", "the act", "the law", "territorial reform"]
NACB = ["NACB", "National Anti-Corruption Bureau", "bureau", "anti-corruption bureau"]
f(A4, "document", "Territorial Administration Act", "adopted by the National Assembly on", "2024-02-27", "date",
  "the National Assembly adopted the Territorial Administration Act on Tuesday, 27 February, by 104 votes to 39",
  TAA, ["27 February", "--02-27", "27 February 2024"], note="year from the byline (3 March 2024)")
f(A4, "region", "provinces of Ostravia", "number reduced to", "12", "number",
  "The law cuts the number of provinces from 22 to 12", ["provinces", "number of provinces", "Ostravia's provinces"],
  ["twelve", "12 enlarged provinces"])
f(A4, "reform", "provincial governors", "elected by", "direct popular vote for a five-year term", "text",
  "the 12 enlarged provinces will each elect a governor by direct popular vote for a term of five years, renewable once",
  ["governor", "governors", "directly elected provincial governors", "provincial governor"],
  ["direct popular vote", "directly elected", "five years", "five-year term"])
f(A4, "date", "first gubernatorial elections", "scheduled for", "2024-10-06", "date",
  "The first gubernatorial elections are scheduled for 6 October 2024",
  ["gubernatorial elections", "governor elections", "elections of governors"], ["6 October 2024"])
f(A4, "structure", "Provincial Council", "number of members", "31 to 55", "text",
  "Each province will also elect a Provincial Council, whose size varies from 31 to 55 members",
  ["Provincial Councils", "councils", "provincial council"], ["31", "55", "31-55"])
f(A4, "rights", "registered voters", "can trigger (with 5% backing) a recall vote against", "governor", "entity",
  "can, with the backing of 5% of registered voters, call a recall vote against a governor",
  ["voters", "5% of registered voters", "recall vote", "Provincial Council"], ["governors", "provincial governor"])
f(A4, "office", "Ilona Marek", "holds office", "President", "entity",
  "President Ilona Marek signed the act on Friday, 1 March", ["Marek", "President Marek"],
  ["President of Ostravia", "head of state"])
f(A4, "office", "Dariusz Kovarik", "holds office", "Prime Minister", "entity",
  "said Prime Minister Dariusz Kovarik, the leader of the governing Ostravian Democratic Alliance (ODA)",
  ["Kovarik", "PM Kovarik"], ["Prime Minister of Ostravia", "PM", "head of government"])
f(A4, "party", "Dariusz Kovarik", "is leader of", "Ostravian Democratic Alliance", "entity",
  "Prime Minister Dariusz Kovarik, the leader of the governing Ostravian Democratic Alliance (ODA)",
  ["Kovarik"], ["ODA", "governing party"])
f(A4, "region", "Lower Vesna and Upper Vesna", "merged into", "Vesna Province", "entity",
  "Lower Vesna and Upper Vesna are combined into a single Vesna Province with its seat in Drobna",
  ["Lower Vesna", "Upper Vesna"], ["Vesna", "Drobna"])
f(A4, "party", "People's Party of Ostravia", "number of seats in the National Assembly", "41", "number",
  "The opposition People's Party of Ostravia (PPO), which holds 41 seats in the 150-seat assembly",
  ["PPO", "People's Party", "opposition"], ["forty-one"])
c3a = f(A4, "provenance-conflict", "National Assembly", "number of seats", "150", "number",
  "which holds 41 seats in the 150-seat assembly", NA_OS + ["deputies"], ["150-seat", "one hundred fifty"])
c5a = f(A4, "provenance-conflict", "territorial merger", "annual savings claimed by the government (OSK)", "1200000000", "number",
  "The government claims that the merger will save 1.2 billion Ostravian crowns (OSK) a year",
  ["merger", "Territorial Administration Act", "provincial merger", "savings"], ["1.2 billion", "1.2 billion Ostravian crowns", "OSK 1.2 billion"])
c5b = f(A4, "provenance-conflict", "territorial merger", "annual savings estimated by the Institute for Local Governance (OSK, at most)", "400000000", "number",
  "its analysts put annual savings at no more than OSK 400 million",
  ["merger", "Territorial Administration Act", "provincial merger", "savings"], ["400 million", "OSK 400 million"])
f(A4, "office", "Jiří Salovec", "holds office", "Minister of Regional Development", "entity",
  "Jiří Salovec, who serves as Minister of Regional Development", ["Salovec", "Jiri Salovec"],
  ["regional development minister", "Ministry of Regional Development"])
f(A4, "document", "National Anti-Corruption Bureau Act", "creates", "National Anti-Corruption Bureau", "entity",
  "the National Anti-Corruption Bureau Act, which creates an independent agency",
  ["NACB Act", "anti-corruption law"], NACB + ["independent agency"])
f(A4, "person", "Milena Haraszti", "was confirmed as first director of", "National Anti-Corruption Bureau", "entity",
  "the assembly confirmed Milena Haraszti, a former deputy prosecutor general, as the first director of the NACB",
  ["Haraszti"], NACB + ["director of the NACB", "Director of the National Anti-Corruption Bureau"])
f(A4, "date", "Milena Haraszti", "confirmed as NACB director on", "2024-03-01", "date",
  "On 1 March the assembly confirmed Milena Haraszti", ["Haraszti", "confirmation of the NACB director"],
  ["1 March", "--03-01", "1 March 2024"], note="year from byline")
c4a = f(A4, "provenance-conflict", "director of the National Anti-Corruption Bureau", "term length (years)", "7", "number",
  "confirmed by the National Assembly for a single seven-year term",
  ["NACB director", "bureau's director", "director", "Milena Haraszti", "director's mandate"], ["seven", "seven-year term", "seven years"])
f(A4, "date", "12 new provinces", "come into existence on", "2025-01-01", "date",
  "Ostravia's 12 new provinces will formally come into existence on 1 January 2025",
  ["new provinces", "provinces"], ["1 January 2025"])

# ---------------- 205 Ostravia: judicial interview ----------------
SJC = ["Supreme Judicial Council", "SJC", "the council", "council", "Judicial Council"]
JRA = ["Judicial Reform Act", "the act", "judicial reform", "reform"]
COA = ["Court of Appeal", "Court of Appeal in Velgrad", "Velgrad Court of Appeal", "appeal court"]
f(A5, "document", "Judicial Reform Act", "passed on", "2024-05-14", "date",
  "The act passed on 14 May with 101 votes in favour", JRA, ["14 May", "--05-14", "14 May 2024"],
  note="year only from the byline (18 June 2024) and 'last month'")
f(A5, "structure", "Judicial Reform Act", "creates", "Supreme Judicial Council", "entity",
  "the Judicial Reform Act, a package that creates a Supreme Judicial Council", JRA, SJC)
f(A5, "number", "Supreme Judicial Council", "number of members", "15", "number",
  "Fifteen members.", SJC, ["fifteen"])
f(A5, "structure", "Supreme Judicial Council", "has members elected by the National Assembly (three-fifths majority)", "5", "number",
  "five are lawyers or law professors elected by the National Assembly with a three-fifths majority",
  SJC + ["lay members"], ["five", "five lay members"])
f(A5, "office", "President of the Supreme Court", "is ex officio member of", "Supreme Judicial Council", "entity",
  "the President of the Supreme Court is a member ex officio", ["Supreme Court President"], SJC)
f(A5, "number", "Supreme Judicial Council members", "term length (single term, years)", "6", "number",
  "Members serve a single six-year term", SJC + ["council members"], ["six", "six-year term"])
f(A5, "reform", "Court of Appeal", "abolished by", "Judicial Reform Act", "entity",
  "abolishes the Court of Appeal in Velgrad", COA, JRA + ["abolished", "abolition"])
f(A5, "reform", "Court of Appeal", "replaced by", "appellate chambers in the 12 provincial courts", "text",
  "it will be replaced by appellate chambers in each of the 12 provincial courts", COA,
  ["appellate chambers", "provincial courts", "12 provincial courts"])
f(A5, "rights", "right to appeal", "guaranteed by", "Article 41 of the Constitution", "text",
  "The right to appeal is untouched; it is guaranteed by Article 41 of the Constitution",
  ["appeal", "right of appeal"], ["Article 41", "Constitution"])
f(A5, "number", "probationary appointment of judges", "reduced to (years)", "3", "number",
  "the initial probationary appointment is cut from five years to three",
  ["probationary appointment", "initial appointment", "probation"], ["three", "three years"])
f(A5, "number", "mandatory retirement age of judges", "lowered to", "67", "number",
  "the mandatory retirement age goes down from 70 to 67", ["retirement age", "judges' retirement age"], ["sixty-seven"])
f(A5, "number", "judges of the Supreme Court", "single non-renewable term (years)", "12", "number",
  "judges of the Supreme Court will be appointed by the President on the council's proposal for a single, non-renewable term of twelve years",
  ["Supreme Court judges", "Supreme Court justices"], ["twelve", "twelve years"])
f(A5, "office", "Halina Dobrev", "holds office", "Speaker of the National Assembly", "entity",
  "Halina Dobrev, Speaker of the National Assembly", ["Dobrev", "Madam Speaker"],
  ["Speaker", "speaker of parliament", "National Assembly"])
f(A5, "party", "Halina Dobrev", "is deputy of", "Ostravian Democratic Alliance", "entity",
  "a deputy of the governing Ostravian Democratic Alliance", ["Dobrev"], ["ODA", "governing party"])
f(A5, "office", "Viktor Paszek", "holds office", "Minister of Justice", "entity",
  "Viktor Paszek, the Minister of Justice", ["Paszek"], ["justice minister", "Ministry of Justice"])
f(A5, "date", "Supreme Judicial Council", "first session on", "2024-10-01", "date",
  "The first session is set for 1 October 2024", SJC + ["first session"], ["1 October 2024"])
c3b = f(A5, "provenance-conflict", "National Assembly", "number of deputies", "151", "number",
  "With all 151 deputies voting", NA_OS + ["deputies"], ["one hundred fifty-one"])
c4b = f(A5, "provenance-conflict", "director of the National Anti-Corruption Bureau", "term length (years)", "6", "number",
  "Her mandate is six years", ["NACB director", "Milena Haraszti", "Haraszti", "director", "mandate"], ["six", "six years"])
f(A5, "date", "Halina Dobrev", "Speaker since", "2022-11", "date",
  "Speaker since November 2022", ["Dobrev"], ["November 2022"])
f(A5, "party", "People's Party", "voted for", "chapter on the Supreme Judicial Council", "text",
  "the People's Party voted for the chapter on the council", ["People's Party of Ostravia", "PPO", "opposition"],
  ["chapter on the council", "council chapter"])

# ---------------- 206 Moldova ----------------
PAS = ["PAS", "Party of Action and Solidarity", "Partidul Acțiune și Solidaritate"]
BECS = ["BECS", "Electoral Bloc of Communists and Socialists", "bloc", "Communists and Socialists"]
PARL_MD = ["Parliament", "Moldovan Parliament", "Parliament of Moldova", "legislature"]
EL_MD = ["snap parliamentary election", "snap election", "parliamentary election", "election",
         "2021 Moldovan parliamentary election", "election of 11 July"]
f(A6, "date", "snap parliamentary election", "held on", "2021-07-11", "date",
  "won the snap parliamentary election of 11 July outright", EL_MD, ["11 July", "--07-11", "11 July 2021"],
  note="year stated only in the byline (9 August 2021) and context")
f(A6, "number", "Party of Action and Solidarity", "vote share (%)", "52.80", "number",
  "PAS took 52.80% of the vote and 63 of the 101 seats", PAS, ["52.8", "52.80%", "52.8%"])
c6a = f(A6, "provenance-conflict", "Party of Action and Solidarity", "seats won (final allocation, CEC)", "63", "number",
  "PAS took 52.80% of the vote and 63 of the 101 seats", PAS, ["sixty-three"])
c6b = f(A6, "provenance-conflict", "Party of Action and Solidarity", "seats projected (CEC preliminary tally, 12 July)", "62", "number",
  "projected 62 seats for PAS and 33 for the BECS", PAS, ["sixty-two"])
f(A6, "number", "Parliament of Moldova", "number of seats", "101", "number",
  "the 101-seat Parliament", PARL_MD, ["one hundred one"])
f(A6, "party", "Electoral Bloc of Communists and Socialists", "is an alliance of", "Party of Socialists", "entity",
  "an alliance of the Party of Socialists (PSRM) of former president Igor Dodon and the Party of Communists (PCRM)",
  BECS, ["PSRM", "Party of Communists", "PCRM", "Socialists", "Communists"])
f(A6, "number", "Electoral Bloc of Communists and Socialists", "vote share (%)", "27.17", "number",
  "came second with 27.17% and 32 seats", BECS, ["27.17%"])
f(A6, "office", "Natalia Gavrilița", "holds office", "Prime Minister", "entity",
  "the cabinet of Prime Minister Natalia Gavrilița", ["Gavrilița", "Gavrilita", "Natalia Gavrilita"],
  ["Prime Minister of Moldova", "PM", "premier", "head of government"])
f(A6, "date", "Gavrilița cabinet", "approved by Parliament on", "2021-08-06", "date",
  "On Friday, 6 August, the 101-seat Parliament approved the cabinet of Prime Minister Natalia Gavrilița by 61 votes",
  ["cabinet", "Gavrilita cabinet", "government", "Gavrilița government", "cabinet of Natalia Gavrilița"],
  ["6 August", "--08-06", "6 August 2021"])
f(A6, "office", "Igor Grosu", "elected as", "President of the Parliament", "entity",
  "it elected Igor Grosu, the acting leader of PAS, as President of the Parliament",
  ["Grosu"], ["Speaker", "speaker", "Speaker of Parliament", "President of the Parliament of Moldova"])
f(A6, "structure", "President of the Parliament", "is the title of", "speaker", "text",
  "President of the Parliament, the title Moldova uses for its speaker",
  ["President of Parliament"], ["Speaker", "Speaker of Parliament", "parliamentary speaker"])
f(A6, "event", "Maia Sandu", "dissolved the previous legislature on", "2021-04-28", "date",
  "President Maia Sandu, who founded PAS in 2016 and defeated Dodon in the presidential run-off of 15 November 2020, dissolved the previous legislature on 28 April 2021",
  ["Sandu", "President Sandu", "dissolution of parliament"], ["28 April 2021"])
f(A6, "office", "Maia Sandu", "holds office", "President", "entity",
  "President Maia Sandu", ["Sandu", "President Sandu"], ["President of Moldova", "head of state", "presidency"])
f(A6, "number", "snap parliamentary election", "turnout (%)", "48.41", "number",
  "Turnout was 48.41%", EL_MD, ["48.41%"])
f(A6, "rights", "voters living in the breakaway Transnistrian region", "could vote at special polling stations (number)", "43", "number",
  "Voters living in the breakaway Transnistrian region were able to cast ballots at 43 special polling stations",
  ["Transnistrian voters", "Transnistria", "Transnistrian region"], ["forty-three", "43 special polling stations"])
f(A6, "region", "Electoral Bloc of Communists and Socialists", "dominated in", "Gagauzia", "entity",
  "the BECS dominated in the autonomous territorial unit of Gagauzia (Gagauz Yeri)",
  BECS, ["Gagauz Yeri", "autonomous territorial unit of Gagauzia", "Bălți"])
f(A6, "person", "Nicu Popescu", "holds office", "Deputy Prime Minister and Minister of Foreign Affairs and European Integration", "entity",
  "as Deputy Prime Minister and Minister of Foreign Affairs and European Integration",
  ["Popescu"], ["Minister of Foreign Affairs and European Integration", "Foreign Minister", "Deputy Prime Minister"])
f(A6, "person", "Sergiu Litvinenco", "heads", "Ministry of Justice", "entity",
  "Sergiu Litvinenco, a lawyer and PAS deputy, takes over the Ministry of Justice",
  ["Litvinenco"], ["Minister of Justice", "justice minister"])
f(A6, "reform", "Gavrilița government programme", "includes", "extraordinary evaluation (vetting) of judges and prosecutors", "text",
  'cleaning up the judiciary through an extraordinary evaluation ("vetting") of judges and prosecutors',
  ["cabinet's programme", "programme", "justice reform", "government programme"],
  ["vetting", "extraordinary evaluation", "vetting of judges", "judicial vetting"])

# ---- ids and conflict links ----
for i, d in enumerate(F, 1):
    d["id"] = "K%03d" % i
def link(group, note):
    ids = [g["id"] for g in group]
    for g in group:
        g["conflicts_with"] = [x for x in ids if x != g["id"]]
        g["conflict_note"] = note
link([c1a, c1b], "Annual savings from cutting Italy's Parliament: about 100 million euros a year (M5S) vs 57 million euros a year net (Observatory on Italian Public Accounts, Cottarelli), both in 201.")
link([c2a, c2b], "Turnout in Tajikistan's 2016 referendum: 92% (CCER, official) vs no more than 45% at 30 watched polling stations (Tajik Diaspora Forum), both in 203.")
link([c3a, c3b], "Size of Ostravia's National Assembly: 150-seat assembly (204, Velgrad Courier news report; also consistent with 104+39+7 votes) vs 'all 151 deputies' (205, Speaker Dobrev in interview). Cross-article conflict.")
link([c4a, c4b], "Term of the NACB director: single seven-year term (204, describing the NACB Act) vs 'Her mandate is six years' (205, Justice Minister Paszek). Cross-article conflict.")
link([c5a, c5b], "Annual savings from Ostravia's provincial merger: OSK 1.2 billion (government) vs no more than OSK 400 million (Institute for Local Governance), both in 204.")
link([c6a, c6b], "PAS seats in Moldova 2021: 63 (final CEC allocation) vs 62 (CEC preliminary tally of 12 July), both in 206; the article says one seat moved from BECS to PAS.")

json.dump(F, open(os.path.join(ROOT, "gold.json"), "w"), ensure_ascii=False, indent=1)
print(len(F), "facts written")
