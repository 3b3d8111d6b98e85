"""Hand-made exhaustive lists (holds / size / event_date / vote_share) for precision scoring,
plus exhaustive_borderline.json for statements that are defensible either way."""
import json, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
A1 = "201_italy_parliament_cut_referendum.txt"
A2 = "202_chile_plebiscite_rejection.txt"
A3 = "203_tajikistan_referendum_term_limits.txt"
A4 = "204_ostravia_provincial_reform.txt"
A5 = "205_ostravia_judicial_reform_interview.txt"
A6 = "206_moldova_snap_election_pas.txt"

EX = {
A1: {
 "holds": [
  ["Luigi Di Maio", "Foreign Minister"],
  ["Luigi Di Maio", "former political head of the M5S"],
  ["Giuseppe Conte", "Prime Minister"],
  ["Nicola Zingaretti", "the PD's secretary"],
  ["Carlo Cottarelli", "director of the Observatory on Italian Public Accounts"],
  ["Andrea Piccioli", "spokesman of the \"No\" committee"],
  ["Sergio Mattarella", "President of the Republic"]],
 "size": [
  ["Parliament", 945], ["Parliament", 600],
  ["Chamber of Deputies", 630], ["Chamber of Deputies", 400],
  ["Senate of the Republic", 315], ["Senate of the Republic", 200]],
 "event_date": [
  ["constitutional referendum on the number of parliamentarians", "2020-09-20"],
  ["constitutional referendum on the number of parliamentarians", "2020-09-21"],
  ["decisive parliamentary vote: Chamber approves the constitutional law by 553 votes to 14", "2019-10-08"],
  ["71 senators request a popular vote", "2020-01"],
  ["referendum originally scheduled (postponed because of COVID-19)", "2020-03-29"],
  ["next general election (deadline)", "2023"]],
 "vote_share": [["Yes", 69.96], ["No", 30.04]]},
A2: {
 "holds": [
  ["Gabriel Boric", "President"],
  ["Elisa Loncón", "president of the Constitutional Convention"],
  ["María Elisa Quinteros", "president of the Constitutional Convention"],
  ["Carolina Tohá", "Minister of the Interior"],
  ["Carolina Tohá", "former mayor of Santiago"],
  ["Izkia Siches", "Minister of the Interior"],
  ["Ana Lya Uriarte", "Minister Secretary-General of the Presidency (Segpres)"],
  ["Giorgio Jackson", "Minister Secretary-General of the Presidency (Segpres)"],
  ["Giorgio Jackson", "Ministry of Social Development"]],
 "size": [
  ["Constitutional Convention", 155],
  ["Expert Commission", 24],
  ["Constitutional Council", 50],
  ["Technical Admissibility Committee", 14]],
 "event_date": [
  ["Agreement for Chile signed", "2022-12-12"],
  ["exit plebiscite", "2022-09-04"],
  ["return to democracy", "1990"],
  ["Gabriel Boric took office", "2022-03-11"],
  ["social unrest broke out", "2019-10-18"],
  ["Agreement for Social Peace and the New Constitution signed", "2019-11-15"],
  ["entry plebiscite", "2020-10-25"],
  ["election of the Constitutional Convention", "2021-05-15"],
  ["election of the Constitutional Convention", "2021-05-16"],
  ["Constitutional Convention installed", "2021-07-04"],
  ["María Elisa Quinteros succeeded Elisa Loncón", "2022-01"],
  ["Convention handed its final proposal to Boric", "2022-07-04"],
  ["cabinet reshuffle", "2022-09-06"]],
 "vote_share": [
  ["Rechazo (Reject)", 61.89], ["Apruebo (Approve)", 38.11],
  ["yes (entry plebiscite of 25 October 2020)", 78.28],
  ["body made up entirely of elected members (entry plebiscite)", 79]]},
A3: {
 "holds": [
  ["Emomali Rahmon", "President"],
  ["Emomali Rahmon", "Founder of Peace and National Unity – Leader of the Nation"],
  ["Emomali Rahmon", "chairman of the Supreme Soviet"],
  ["Bakhtiyor Khudoyorzoda", "chairman of the Central Commission for Elections and Referendums (CCER)"],
  ["Rustam Emomali", "heads the Agency for State Financial Control and Combating Corruption"],
  ["Shukurjon Zuhurov", "chairman of the Majlisi Namoyandagon"]],
 "size": [["Majlisi Namoyandagon", 63]],
 "event_date": [
  ["constitutional referendum", "2016-05-22"],
  ["Constitution adopted", "1994-11"],
  ["lower house (Majlisi Namoyandagon) endorsed the amendments", "2016-01"],
  ["parliament conferred the title Leader of the Nation on Rahmon", "2015-12"],
  ["Rahmon began leading the country (chairman of the Supreme Soviet)", "1992-11"],
  ["Rahmon became president", "1994-11"],
  ["Rahmon's current seven-year term expires", "2020"],
  ["next presidential election (scheduled)", "2020-11"],
  ["Supreme Court designated the IRPT a terrorist organisation", "2015-09"],
  ["parliamentary election (IRPT lost its seats)", "2015-03"]],
 "vote_share": [["in favour", 94.5]]},
A4: {
 "holds": [
  ["Ilona Marek", "President"],
  ["Dariusz Kovarik", "Prime Minister"],
  ["Dariusz Kovarik", "leader of the governing Ostravian Democratic Alliance (ODA)"],
  ["Jiří Salovec", "Minister of Regional Development"],
  ["Milena Haraszti", "first director of the NACB"],
  ["Milena Haraszti", "former deputy prosecutor general"]],
 "size": [
  ["National Assembly", 150],
  ["Provincial Council", 31], ["Provincial Council", 55]],
 "event_date": [
  ["National Assembly adopted the Territorial Administration Act", "2024-02-27"],
  ["President Ilona Marek signed the Territorial Administration Act", "2024-03-01"],
  ["National Assembly confirmed Milena Haraszti as director of the NACB", "2024-03-01"],
  ["first gubernatorial elections", "2024-10-06"],
  ["protest in Hollin against the transfer of administrative offices", "2024-02-24"],
  ["conviction of a former transport minister (Port Authority case)", "2021"],
  ["GRECO report recommending an independent agency", "2022"],
  ["12 new provinces come into existence; first elected governors take office", "2025-01-01"]],
 "vote_share": []},
A5: {
 "holds": [
  ["Halina Dobrev", "Speaker of the National Assembly"],
  ["Halina Dobrev", "deputy of the governing Ostravian Democratic Alliance"],
  ["Viktor Paszek", "Minister of Justice"],
  ["Milena Haraszti", "head of the National Anti-Corruption Bureau"]],
 "size": [
  ["Supreme Judicial Council", 15],
  ["National Assembly", 151],
  ["Court of Appeal (judges)", 64]],
 "event_date": [
  ["Judicial Reform Act passed", "2024-05-14"],
  ["interview at the assembly building", "2024-06-12"],
  ["Venice Commission draft opinion received", "2024-06-03"],
  ["public hearing on the Venice Commission opinion", "2024-06-25"],
  ["Court of Appeal replaced by appellate chambers in the provincial courts", "2025-01-01"],
  ["judges and the assembly elect members of the Supreme Judicial Council", "2024-09"],
  ["first session of the Supreme Judicial Council", "2024-10-01"],
  ["Milena Haraszti began heading the NACB", "2024-03"],
  ["deputies' asset declarations published online (from)", "2024-09"],
  ["Halina Dobrev became a deputy", "2012"],
  ["Halina Dobrev became Speaker", "2022-11"]],
 "vote_share": []},
A6: {
 "holds": [
  ["Natalia Gavrilița", "Prime Minister"],
  ["Natalia Gavrilița", "Minister of Finance"],
  ["Igor Dodon", "former president"],
  ["Vladimir Voronin", "former president"],
  ["Ilan Șor", "leader of the Șor Party"],
  ["Renato Usatîi", "leader of Our Party (PN)"],
  ["Maia Sandu", "President"],
  ["Igor Grosu", "President of the Parliament"],
  ["Igor Grosu", "acting leader of PAS"],
  ["Nicu Popescu", "Deputy Prime Minister and Minister of Foreign Affairs and European Integration"],
  ["Nicu Popescu", "former foreign minister"],
  ["Sergiu Litvinenco", "Ministry of Justice"],
  ["Sergiu Litvinenco", "PAS deputy"],
  ["Dumitru Budianschi", "Minister of Finance"],
  ["Andrei Spînu", "Deputy Prime Minister and Minister of Infrastructure and Regional Development"],
  ["Andrei Spînu", "secretary-general of the presidency"]],
 "size": [["Parliament", 101]],
 "event_date": [
  ["Parliament approved the cabinet of Natalia Gavrilița", "2021-08-06"],
  ["snap parliamentary election", "2021-07-11"],
  ["CEC preliminary tally published", "2021-07-12"],
  ["Maia Sandu founded PAS", "2016"],
  ["presidential run-off", "2020-11-15"],
  ["Maia Sandu dissolved the previous legislature", "2021-04-28"],
  ["Constitutional Court ruled that the conditions for dissolution were met", "2021-04-15"],
  ["new Parliament convened", "2021-07-23"],
  ["Igor Grosu elected President of the Parliament", "2021-07-29"],
  ["Maia Sandu nominated Natalia Gavrilița", "2021-07-30"],
  ["Sandu's short-lived government (Gavrilița Minister of Finance)", "2019"]],
 "vote_share": [
  ["Party of Action and Solidarity (PAS)", 52.80],
  ["Electoral Bloc of Communists and Socialists (BECS)", 27.17],
  ["Șor Party", 5.74],
  ["Our Party (PN)", 4.10],
  ["Dignity and Truth Platform (PPDA)", 2.33]]},
}

BORDER = {
A1: {
 "holds": [["Marta Colonnesi", "teaches constitutional law at the University of Bologna (occupation, not an office)"],
           ["Giulia Ferrante", "Rome correspondent (byline)"]],
 "size": [["overseas constituency (deputies)", 8], ["overseas constituency (deputies)", 12],
          ["overseas constituency (senators)", 4], ["overseas constituency (senators)", 6],
          ["senators for life (maximum)", 5], ["senators per region (minimum)", 3], ["senators per region (minimum, before)", 7],
          ["Molise (senators)", 2], ["Aosta Valley (senators)", 1], ["parliamentarians representing Italians abroad", 12],
          ["senators requesting the referendum", 71]],
 "event_date": [["final results published by the Ministry of the Interior (\"on Tuesday\")", "2020-09-22"],
                ["Piccioli conceded defeat (\"on Monday night\")", "2020-09-21"],
                ["regional elections in seven regions / municipal elections (coincided with the referendum)", "2020-09-20"]],
 "vote_share": []},
A2: {
 "holds": [["Gabriel Boric", "former student leader"],
           ["Javiera Montt", "legal adviser who took part in the negotiations (occupation)"],
           ["Rodrigo Pizarro Alcalde", "political scientist at the University of Concepción (occupation)"]],
 "size": [["Constitutional Convention (seats reserved for Indigenous peoples)", 17], ["constitutional bases", 12]],
 "event_date": [["election of the Constitutional Council (expected, first half of 2023)", "2023"]],
 "vote_share": []},
A3: {
 "holds": [],
 "size": [["People's Democratic Party of Tajikistan (seats)", 51], ["Islamic Renaissance Party of Tajikistan (former seats)", 2]],
 "event_date": [["CCER news conference announcing results (\"on Monday\")", "2016-05-23"],
                ["Rahmon's televised address (\"on Monday evening\")", "2016-05-23"],
                ["Rustam Emomali would have become eligible under the old rule (hypothetical)", "2022-12"]],
 "vote_share": []},
A4: {
 "holds": [],
 "size": [["National Anti-Corruption Bureau (staff)", 250], ["provinces (before)", 22], ["provinces (after)", 12],
          ["People's Party of Ostravia (seats)", 41]],
 "event_date": [],
 "vote_share": []},
A5: {
 "holds": [],
 "size": [["Supreme Judicial Council (judge members)", 9], ["Supreme Judicial Council (members elected by the assembly)", 5],
          ["provincial courts with appellate chambers", 12]],
 "event_date": [],
 "vote_share": []},
A6: {
 "holds": [["Maia Sandu", "founder of PAS"],
           ["Maia Sandu", "head of the short-lived 2019 government (implied by \"Sandu's short-lived government of 2019\")"],
           ["Ion Rotaru", "political analyst at the Institute for Public Policy Studies (occupation)"]],
 "size": [["Electoral Bloc of Communists and Socialists (seats)", 32], ["Party of Action and Solidarity (seats)", 63],
          ["Party of Action and Solidarity (seats, preliminary)", 62], ["Șor Party (seats)", 6]],
 "event_date": [["Mariana Ceban last voted", "2014"]],
 "vote_share": [["Party of Action and Solidarity (PAS), among voters abroad", 86]]},
}
json.dump(EX, open(os.path.join(ROOT, "exhaustive.json"), "w"), ensure_ascii=False, indent=1)
json.dump(BORDER, open(os.path.join(ROOT, "exhaustive_borderline.json"), "w"), ensure_ascii=False, indent=1)
for k, v in EX.items():
    print(k, {r: len(x) for r, x in v.items()})
