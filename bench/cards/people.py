"""Who is on the synthetic cards: names, companies, titles and addresses for the generator.

Invented people at invented companies, spread over the countries Clinch's users
interview in, with the spellings that break careless readers: diacritics
(Zoë, Łukasz, Søren), apostrophes (O'Brien, D'Angelo), hyphens (Anna-Lena) and
particles (van der Berg).
"""

from __future__ import annotations

FIRST_NAMES = [
    "Anna-Lena", "Jon", "John", "Katherine", "Catherine", "Zoë", "Zoe", "José", "Łukasz", "Søren", "François",
    "Renée", "Jürgen", "Siobhán", "Priya", "Rafael", "Mei", "Olúwaseun", "Ines", "Mateo", "Ingrid", "Aoife",
    "Björn", "Camille", "Darius", "Elif", "Fatima", "Gaël", "Hannah", "Iñaki", "Jasmine", "Kai", "Leïla",
    "Marek", "Nadia", "Oscar", "Paulina", "Quentin", "Rosa", "Sean", "Tomás", "Uma", "Valérie", "Wojciech",
    "Xavier", "Yusuf", "Zsófia", "Mary-Kate", "Ana", "Stephen", "Steven", "Sara", "Sarah", "Chloé", "Noël",
]
LAST_NAMES = [
    "O'Brien", "Brandt", "Petrakis", "Smith", "Smyth", "Müller", "Núñez", "Kowalczyk", "Sørensen", "D'Angelo",
    "Lefèvre", "Quiñones", "Whitfield", "Raman", "van der Berg", "Østergaard", "Nakamura", "Adébáyọ̀", "García",
    "Schröder", "MacLeod", "Łęcki", "Dubois", "Fitzgerald", "Gómez", "Håkansson", "Ivanova", "Jovanović",
    "Kim", "Lindqvist", "Moreau", "Nowak", "Okafor", "Papadopoulou", "Rossi", "Šimić", "Taylor", "Urquhart",
    "Vasquez", "Weiß", "Yılmaz", "Zimmermann", "O'Neill", "McAllister", "de la Cruz", "Brennan", "Thomson",
    "Thompson", "Reid", "Reed",
]
PREFIXES = ["Dr.", "Prof."]

COMPANY_WORDS = [
    "Larkspur", "Brightwave", "Nordlicht", "Helix", "Zephyr", "Quarry", "Tessellate", "Bluefin", "Kestrel",
    "Orchard", "Meridian", "Lumen", "Fjord", "Cobalt", "Ridgeway", "Saffron", "Tidewater", "Juniper",
    "Aurelia", "Basalt", "Cinder", "Dovetail", "Ember", "Foxglove", "Granite", "Halcyon", "Ironbark",
]
COMPANY_KINDS = [
    "Robotics", "Analytics", "Software", "Bio", "Labs", "Systems", "Energy", "Logistics", "Health",
    "Capital", "Design", "Networks", "Foods", "Materials", "Mobility",
]
TITLES = [
    "Senior Robotics Engineer", "Head of Engineering", "Engineering Manager", "Talent Acquisition Partner",
    "VP of Product", "Chief Technology Officer", "Director, Data Science", "Staff Software Engineer",
    "Recruiter", "Hiring Manager, Platform", "Lead UX Researcher", "Product Designer", "Head of People",
    "Principal Consultant", "Managing Director", "Senior Account Executive", "Operations Lead",
    "Research Scientist", "Technical Recruiter", "Co-founder & CEO", "Senior Data Engineer",
    "Directrice Commerciale", "Leiterin Personal", "Team Lead Backend",
]

# Country: legal suffixes, ccTLD, phone region, address lines (street, city line) and the country name.
COUNTRIES = {
    "US": {"suffixes": ["Inc.", "LLC", "Corp.", ""], "tld": "com", "name": "USA",
           "streets": ["1200 Market Street, Suite 400", "55 Water Street, Floor 12", "410 N Michigan Ave"],
           "cities": ["San Francisco, CA 94103", "New York, NY 10041", "Chicago, IL 60611"]},
    "GB": {"suffixes": ["Ltd", "Limited", "plc", "LLP"], "tld": "co.uk", "name": "United Kingdom",
           "streets": ["221 Baker Street", "1 Canada Square", "14 Castle Terrace"],
           "cities": ["London NW1 6XE", "London E14 5AB", "Edinburgh EH1 2EN"]},
    "DE": {"suffixes": ["GmbH", "AG", "GmbH & Co. KG"], "tld": "de", "name": "Germany",
           "streets": ["Friedrichstraße 123", "Königsallee 92a", "Maximilianstraße 35"],
           "cities": ["10117 Berlin", "40212 Düsseldorf", "80539 München"]},
    "FR": {"suffixes": ["SAS", "S.A.", "SARL"], "tld": "fr", "name": "France",
           "streets": ["12 rue de Rivoli", "8 place de la Bourse", "45 avenue Jean Médecin"],
           "cities": ["75004 Paris", "69002 Lyon", "06000 Nice"]},
    "NL": {"suffixes": ["B.V.", "N.V."], "tld": "nl", "name": "Netherlands",
           "streets": ["Keizersgracht 123", "Stationsplein 45"], "cities": ["1015 CJ Amsterdam", "3013 AK Rotterdam"]},
    "ES": {"suffixes": ["S.L.", "S.A."], "tld": "es", "name": "España",
           "streets": ["Calle de Alcalá 45", "Passeig de Gràcia 21"], "cities": ["28014 Madrid", "08007 Barcelona"]},
    "IT": {"suffixes": ["S.r.l.", "S.p.A."], "tld": "it", "name": "Italia",
           "streets": ["Via Roma 10", "Corso Buenos Aires 33"], "cities": ["20121 Milano", "10121 Torino"]},
    "CA": {"suffixes": ["Inc.", "Ltd."], "tld": "ca", "name": "Canada",
           "streets": ["100 King Street West", "1055 W Georgia St"], "cities": ["Toronto, ON M5X 1A9", "Vancouver, BC V6E 3P3"]},
    "AU": {"suffixes": ["Pty Ltd"], "tld": "com.au", "name": "Australia",
           "streets": ["1 Martin Place", "120 Collins Street"], "cities": ["Sydney NSW 2000", "Melbourne VIC 3000"]},
    "SE": {"suffixes": ["AB"], "tld": "se", "name": "Sverige",
           "streets": ["Drottninggatan 5", "Kungsgatan 44"], "cities": ["111 51 Stockholm", "411 19 Göteborg"]},
    "CH": {"suffixes": ["AG", "GmbH", "SA"], "tld": "ch", "name": "Schweiz",
           "streets": ["Bahnhofstrasse 10", "Rue du Rhône 65"], "cities": ["8001 Zürich", "1204 Genève"]},
    "IE": {"suffixes": ["Ltd", "DAC"], "tld": "ie", "name": "Ireland",
           "streets": ["1 Grand Canal Square", "25 St Stephen's Green"], "cities": ["Dublin 2, D02 P820", "Dublin 2, D02 XE80"]},
    "AT": {"suffixes": ["GmbH", "AG"], "tld": "at", "name": "Österreich",
           "streets": ["Mariahilfer Straße 1", "Herrengasse 12"], "cities": ["1060 Wien", "8010 Graz"]},
    "PL": {"suffixes": ["Sp. z o.o.", "S.A."], "tld": "pl", "name": "Polska",
           "streets": ["ul. Marszałkowska 10", "ul. Długa 22"], "cities": ["00-590 Warszawa", "31-146 Kraków"]},
}
