"""The demo programme's data: invented organisations and speakers, the sessions, and each day's grid.

Speakers and their organisations are invented; the Invisible Festival brings back real historical figures
with facts from public history only. Loaded by demo/programme.py for both demo editions.
"""

from __future__ import annotations

from events.enums import SessionAudience, SessionKind, SpokenLanguage

# Invented organisations: (FR, NL, EN)-neutral names.
ORGS = [
    "Atelier Ville Modèle",
    "Klimaatlab Zenne",
    "Mobilab Canal",
    "Collectif Clés & Codes",
    "Pixel Arena asbl",
    "École Code Ouvert",
    "Buurtpunt Digitaal vzw",
    "Studio Avatars Anciens",
    "Réparons Ensemble",
    "Data & Quartiers",
]
# role (FR, NL, EN)
ROLES = [
    ("urbaniste", "stedenbouwkundige", "urban planner"),
    ("ingénieure climat", "klimaatingenieur", "climate engineer"),
    ("chercheur en mobilité", "mobiliteitsonderzoeker", "mobility researcher"),
    ("experte en sécurité informatique", "IT-beveiligingsexpert", "IT security expert"),
    ("animateur e-sport", "e-sportbegeleider", "e-sports host"),
    ("formatrice en programmation", "programmeeropleider", "coding trainer"),
    ("médiatrice numérique", "digitale bemiddelaar", "digital mediator"),
    ("artiste numérique", "digitale kunstenaar", "digital artist"),
    ("réparateur bénévole", "vrijwillige hersteller", "volunteer repairer"),
    ("analyste de données", "data-analist", "data analyst"),
]
# name, org index, role index
SPEAKERS = [
    ("Amira El Idrissi", 0, 0),
    ("Jonas Peeters", 0, 9),
    ("Claire Dubois", 1, 1),
    ("Youssef Benali", 1, 1),
    ("Lotte Vermeulen", 2, 2),
    ("Mathieu Lambert", 2, 2),
    ("Fatou Diallo", 3, 3),
    ("Pieter De Smet", 3, 3),
    ("Sofia Rossi", 4, 4),
    ("Nadia Haddad", 4, 4),
    ("Thomas Jacobs", 5, 5),
    ("Émilie Renard", 5, 5),
    ("Karim Ouali", 6, 6),
    ("Ines Van Damme", 6, 6),
    ("Bram Claes", 7, 7),
    ("Chloé Martin", 7, 7),
    ("Elif Yılmaz", 8, 8),
    ("Arnaud Lejeune", 8, 8),
    ("Hanne Wouters", 9, 9),
    ("Samuel Mukendi", 9, 9),
    ("Julie Maes", 5, 5),
    ("Omar Tahiri", 2, 2),
    ("Sarah Goossens", 1, 1),
    ("Lucas Mertens", 3, 3),
]


def T(fr: str, nl: str, en: str) -> tuple[str, str, str]:
    return (fr, nl, en)


PK_DESCRIPTION = T(
    "Quatre intervenants, 20 images chacun, 20 secondes par image : {fr}",
    "Vier sprekers, elk 20 beelden, 20 seconden per beeld: {nl}",
    "Four speakers, 20 slides each, 20 seconds a slide: {en}",
)
# Pecha Kucha rounds on the real event's themes: theme slug, speakers
PK_ROUNDS = {
    "digital-twin": ["amira-el-idrissi", "jonas-peeters", "hanne-wouters", "samuel-mukendi"],
    "climate-technology": ["claire-dubois", "youssef-benali", "sarah-goossens", "elif-yilmaz"],
    "mobility": ["lotte-vermeulen", "mathieu-lambert", "omar-tahiri", "amira-el-idrissi"],
    "cybersecurity": ["fatou-diallo", "pieter-de-smet", "lucas-mertens", "karim-ouali"],
    "e-gaming": ["sofia-rossi", "nadia-haddad", "thomas-jacobs", "chloe-martin"],
    "digital-jobs": ["thomas-jacobs", "emilie-renard", "julie-maes", "hanne-wouters"],
    "digital-inclusion": ["karim-ouali", "ines-van-damme", "arnaud-lejeune", "fatou-diallo"],
}

# key: kind, titles, descriptions, themes, language, audience, accessibility, speakers, capacity
# The Invisible Festival's immersive sessions for everyone: theme, language, audience, access.
IMMERSIVE_FOR_EVERYONE = (
    ["virtual-reality"],
    SpokenLanguage.FR_NL,
    SessionAudience.EVERYONE,
    {"quiet_space": True},
)
ITEMS = {
    "talk-twin": (
        SessionKind.TALK,
        T(
            "Bruxelles en 3D : à quoi sert un jumeau numérique ?",
            "Brussel in 3D: waarvoor dient een digitale tweeling?",
            "Brussels in 3D: what is a digital twin for?",
        ),
        T(
            "Une maquette numérique de la ville aide à prévoir les inondations, le bruit ou l'ombre d'un "
            "nouveau bâtiment. Exemples concrets et questions du public.",
            "Een digitaal model van de stad helpt overstromingen, lawaai of de schaduw van een nieuw gebouw "
            "te voorspellen. Concrete voorbeelden en vragen uit het publiek.",
            "A digital model of the city helps predict floods, noise or the shadow of a new building. "
            "Real examples and questions from the audience.",
        ),
        ["digital-twin", "smart-buildings"],
        SpokenLanguage.FR,
        SessionAudience.PROFESSIONALS,
        {"interpretation": True},
        ["amira-el-idrissi", "jonas-peeters"],
        None,
    ),
    "talk-ai": (
        SessionKind.TALK,
        T(
            "L'IA au quotidien, sans jargon",
            "AI in het dagelijks leven, zonder jargon",
            "AI in everyday life, without jargon",
        ),
        T(
            "Ce que fait vraiment une intelligence artificielle quand elle traduit, recommande ou répond, "
            "et ce qu'elle ne sait pas faire.",
            "Wat artificiële intelligentie echt doet als ze vertaalt, aanbeveelt of antwoordt, en "
            "wat ze niet kan.",
            "What artificial intelligence really does when it translates, recommends or answers, and what it "
            "cannot do.",
        ),
        ["artificial-intelligence"],
        SpokenLanguage.FR_NL,
        SessionAudience.EVERYONE,
        {"subtitles": True},
        ["hanne-wouters"],
        None,
    ),
    "talk-scams": (
        SessionKind.TALK,
        T(
            "Arnaques en ligne : les reconnaître en cinq minutes",
            "Online oplichting: herken ze in vijf minuten",
            "Online scams: spot them in five minutes",
        ),
        T(
            "Faux SMS de livraison, faux conseiller bancaire, fausse offre d'emploi : les signes qui doivent "
            "alerter, et quoi faire après un clic de trop.",
            "Valse sms over een levering, valse bankbediende, vals jobaanbod: de signalen die moeten "
            "alarmeren, en wat te doen na een klik te veel.",
            "Fake delivery texts, fake bank advisers, fake job offers: the signs to watch for, and "
            "what to do "
            "after one click too many.",
        ),
        ["cybersecurity"],
        SpokenLanguage.NL,
        SessionAudience.FAMILIES,
        {"interpretation": True, "sign_language": True},
        ["fatou-diallo"],
        None,
    ),
    "talk-footprint": (
        SessionKind.TALK,
        T(
            "Le sac à dos écologique de votre ordinateur",
            "De ecologische rugzak van je computer",
            "Your computer's ecological backpack",
        ),
        T(
            "Des kilos de matières premières se cachent derrière un ordinateur portable. Comment les réduire "
            "en gardant ses appareils plus longtemps.",
            "Achter een laptop schuilen kilo's grondstoffen. Hoe je die beperkt door je toestellen langer te "
            "gebruiken.",
            "Kilos of raw materials hide behind a laptop. How to reduce them by keeping devices longer.",
        ),
        ["digital-footprint", "climate-technology"],
        SpokenLanguage.FR,
        SessionAudience.EVERYONE,
        {"subtitles": True},
        ["elif-yilmaz", "arnaud-lejeune"],
        None,
    ),
    "talk-jobs": (
        SessionKind.TALK,
        T(
            "Des métiers du numérique sans diplôme d'ingénieur",
            "Digitale jobs zonder ingenieursdiploma",
            "Digital jobs without an engineering degree",
        ),
        T(
            "Testeuse, technicien réseau, développeuse web : des parcours de reconversion racontés "
            "par celles "
            "et ceux qui les ont faits.",
            "Tester, netwerktechnicus, webontwikkelaar: omscholingstrajecten verteld door wie ze aflegde.",
            "Tester, network technician, web developer: career changes told by the people who made them.",
        ),
        ["digital-jobs"],
        SpokenLanguage.FR_NL,
        SessionAudience.YOUNG,
        {},
        ["emilie-renard", "julie-maes"],
        None,
    ),
    "talk-buildings": (
        SessionKind.TALK,
        T(
            "Bâtiments intelligents : moins d'énergie, plus de confort",
            "Slimme gebouwen: minder energie, meer comfort",
            "Smart buildings: less energy, more comfort",
        ),
        T(
            "Capteurs, régulation et bon sens : ce qui marche vraiment dans les écoles et les bureaux.",
            "Sensoren, sturing en gezond verstand: wat echt werkt in scholen en kantoren.",
            "Sensors, controls and common sense: what really works in schools and offices.",
        ),
        ["smart-buildings", "climate-technology"],
        SpokenLanguage.EN,
        SessionAudience.PROFESSIONALS,
        {"interpretation": True},
        ["sarah-goossens"],
        None,
    ),
    "talk-inclusion": (
        SessionKind.TALK,
        T(
            "Les démarches en ligne pour tout le monde",
            "Online procedures voor iedereen",
            "Online procedures for everyone",
        ),
        T(
            "Guichet, téléphone, courrier ou formulaire en ligne : comment garder chaque porte ouverte et "
            "accompagner celles et ceux qui découvrent le numérique.",
            "Loket, telefoon, post of online formulier: hoe elke deur open blijft en wie digitaal begint, "
            "begeleid wordt.",
            "Counter, phone, post or online form: how to keep every door open and support people new to "
            "digital.",
        ),
        ["digital-inclusion"],
        SpokenLanguage.FR_NL,
        SessionAudience.EVERYONE,
        {"sign_language": True, "subtitles": True},
        ["ines-van-damme", "karim-ouali"],
        80,
    ),
    "talk-vr": (
        SessionKind.TALK,
        T(
            "Réalité virtuelle : au-delà du jeu",
            "Virtuele realiteit: meer dan een spel",
            "Virtual reality: beyond games",
        ),
        T(
            "Former des soignants, visiter un chantier, soigner une phobie : la réalité virtuelle au "
            "travail.",
            "Zorgverleners opleiden, een werf bezoeken, een fobie behandelen: virtuele realiteit op "
            "het werk.",
            "Training carers, visiting building sites, treating phobias: virtual reality at work.",
        ),
        ["virtual-reality"],
        SpokenLanguage.EN,
        SessionAudience.PROFESSIONALS,
        {},
        ["chloe-martin"],
        30,
    ),
    "demo-robot": (
        SessionKind.DEMO,
        T(
            "Un bras robotisé qui trie les déchets",
            "Een robotarm die afval sorteert",
            "A robotic arm that sorts waste",
        ),
        T(
            "Une caméra reconnaît les emballages, le bras les range. Venez le piéger avec vos "
            "propres déchets.",
            "Een camera herkent de verpakkingen, de arm sorteert ze. Probeer hem te foppen met je "
            "eigen afval.",
            "A camera recognises packaging and the arm sorts it. Come and try to fool it with your "
            "own waste.",
        ),
        ["artificial-intelligence", "climate-technology"],
        SpokenLanguage.FR_NL,
        SessionAudience.FAMILIES,
        {},
        ["thomas-jacobs"],
        None,
    ),
    "demo-vr": (
        SessionKind.DEMO,
        T(
            "Casques VR : visite d'un chantier virtuel",
            "VR-brillen: bezoek aan een virtuele werf",
            "VR headsets: a visit to a virtual building site",
        ),
        T(
            "Enfilez un casque et parcourez un bâtiment avant sa construction.",
            "Zet een bril op en wandel door een gebouw voor het gebouwd is.",
            "Put on a headset and walk through a building before it is built.",
        ),
        ["virtual-reality", "smart-buildings"],
        SpokenLanguage.FR,
        SessionAudience.EVERYONE,
        {},
        ["chloe-martin"],
        12,
    ),
    "demo-passwords": (
        SessionKind.DEMO,
        T(
            "Votre mot de passe tient-il dix secondes ?",
            "Houdt je wachtwoord tien seconden stand?",
            "Would your password last ten seconds?",
        ),
        T(
            "Une démonstration en direct de la vitesse à laquelle tombent les mots de passe faibles, "
            "et de ce "
            "qui les remplace bien.",
            "Een live demonstratie van hoe snel zwakke wachtwoorden vallen, en wat ze goed vervangt.",
            "A live demonstration of how fast weak passwords fall, and what replaces them well.",
        ),
        ["cybersecurity"],
        SpokenLanguage.NL,
        SessionAudience.EVERYONE,
        {"subtitles": True},
        ["pieter-de-smet"],
        None,
    ),
    "demo-twin": (
        SessionKind.DEMO,
        T(
            "La maquette numérique d'un quartier",
            "Het digitale model van een wijk",
            "The digital model of a neighbourhood",
        ),
        T(
            "Déplacez un arbre, ajoutez une rue piétonne et voyez l'effet sur la chaleur et le bruit.",
            "Verplaats een boom, maak een straat autovrij en zie het effect op hitte en lawaai.",
            "Move a tree, pedestrianise a street and see the effect on heat and noise.",
        ),
        ["digital-twin"],
        SpokenLanguage.FR,
        SessionAudience.EVERYONE,
        {},
        ["jonas-peeters"],
        None,
    ),
    "demo-air": (
        SessionKind.DEMO,
        T(
            "Capteurs de qualité de l'air faits maison",
            "Zelfgemaakte luchtkwaliteitssensoren",
            "Home-made air-quality sensors",
        ),
        T(
            "Une carte électronique, un capteur, quelques lignes de code : mesurer l'air de sa rue.",
            "Een printplaat, een sensor, een paar regels code: de lucht in je straat meten.",
            "A circuit board, a sensor, a few lines of code: measure the air in your street.",
        ),
        ["climate-technology"],
        SpokenLanguage.EN,
        SessionAudience.YOUNG,
        {},
        ["youssef-benali"],
        None,
    ),
    "demo-coding": (
        SessionKind.DEMO,
        T(
            "Premiers pas en code avec des robots",
            "Eerste stappen in code met robots",
            "First steps in coding with robots",
        ),
        T(
            "Des petits robots à programmer avec des cartes : dès 6 ans, accompagné d'un adulte.",
            "Kleine robots programmeren met kaartjes: vanaf 6 jaar, met een volwassene.",
            "Small robots programmed with cards: from age 6, with an adult.",
        ),
        ["digital-jobs"],
        SpokenLanguage.FR_NL,
        SessionAudience.FAMILIES,
        {"quiet_space": True},
        ["julie-maes"],
        20,
    ),
    "demo-repair": (
        SessionKind.DEMO,
        T(
            "Réparer plutôt que jeter : un smartphone ouvert",
            "Herstellen in plaats van weggooien: een smartphone open",
            "Repair rather than replace: a smartphone opened up",
        ),
        T(
            "Batterie, écran, connecteur : ce qu'on peut changer soi-même et ce qu'il vaut mieux confier.",
            "Batterij, scherm, connector: wat je zelf kunt vervangen en wat je beter laat doen.",
            "Battery, screen, connector: what you can replace yourself and what is best left to others.",
        ),
        ["digital-footprint"],
        SpokenLanguage.FR,
        SessionAudience.EVERYONE,
        {},
        ["arnaud-lejeune"],
        None,
    ),
    "demo-routes": (
        SessionKind.DEMO,
        T(
            "Itinéraires accessibles : une appli testée en fauteuil",
            "Toegankelijke routes: een app getest in een rolstoel",
            "Accessible routes: an app tested in a wheelchair",
        ),
        T(
            "Trottoirs, ascenseurs, pentes : comment une carte collaborative aide à se déplacer sans "
            "obstacle.",
            "Stoepen, liften, hellingen: hoe een gedeelde kaart helpt om zonder hindernissen te reizen.",
            "Pavements, lifts, slopes: how a shared map helps people travel without obstacles.",
        ),
        ["mobility", "digital-inclusion"],
        SpokenLanguage.FR_NL,
        SessionAudience.EVERYONE,
        {"subtitles": True},
        ["omar-tahiri"],
        None,
    ),
    "tour-racing": (
        SessionKind.TOURNAMENT,
        T("Tournoi de course en équipe", "Teamracetoernooi", "Team racing tournament"),
        T(
            "Équipes de quatre, manches de cinq minutes, inscription sur place à l'arène.",
            "Teams van vier, rondes van vijf minuten, inschrijven ter plaatse in de arena.",
            "Teams of four, five-minute heats, sign up on the spot at the arena.",
        ),
        ["e-gaming"],
        SpokenLanguage.FR_NL,
        SessionAudience.YOUNG,
        {},
        ["sofia-rossi"],
        64,
    ),
    "tour-retro": (
        SessionKind.TOURNAMENT,
        T(
            "Retrogaming : consoles des années 1990",
            "Retrogaming: consoles uit de jaren 1990",
            "Retrogaming: 1990s consoles",
        ),
        T(
            "Manettes à fil et écrans cathodiques : défiez vos parents sur les jeux de leur enfance.",
            "Controllers met draad en beeldbuizen: daag je ouders uit op de games van hun jeugd.",
            "Wired controllers and CRT screens: challenge your parents on the games of their childhood.",
        ),
        ["e-gaming"],
        SpokenLanguage.NONE,
        SessionAudience.FAMILIES,
        {},
        ["nadia-haddad"],
        None,
    ),
    "tour-football": (
        SessionKind.TOURNAMENT,
        T("Tournoi de football virtuel", "Virtueel voetbaltoernooi", "Virtual football tournament"),
        T(
            "Un contre un, élimination directe, finale commentée sur grand écran.",
            "Een tegen een, knock-out, finale met commentaar op groot scherm.",
            "One against one, knockout, a commented final on the big screen.",
        ),
        ["e-gaming"],
        SpokenLanguage.FR_NL,
        SessionAudience.YOUNG,
        {},
        ["sofia-rossi"],
        32,
    ),
    "tour-duo": (
        SessionKind.TOURNAMENT,
        T(
            "Duos parents-enfants : jeux de plateforme rétro",
            "Ouder-kindduo's: retro-platformgames",
            "Parent and child duos: retro platform games",
        ),
        T(
            "Un adulte, un enfant, une manette chacun : la meilleure équipe gagne une visite de l'arène.",
            "Een volwassene, een kind, elk een controller: het beste team wint een rondleiding in de arena.",
            "One adult, one child, a controller each: the best team wins a tour of the arena.",
        ),
        ["e-gaming"],
        SpokenLanguage.NONE,
        SessionAudience.FAMILIES,
        {"quiet_space": True},
        ["nadia-haddad"],
        24,
    ),
    "tour-strategy": (
        SessionKind.TOURNAMENT,
        T("Finale du tournoi de stratégie", "Finale van het strategietoernooi", "Strategy tournament final"),
        T(
            "Les huit meilleurs joueurs des qualifications en ligne s'affrontent en direct.",
            "De acht beste spelers uit de online kwalificaties nemen het live tegen elkaar op.",
            "The eight best players from the online qualifiers face each other live.",
        ),
        ["e-gaming"],
        SpokenLanguage.EN,
        SessionAudience.YOUNG,
        {"subtitles": True},
        ["sofia-rossi", "nadia-haddad"],
        None,
    ),
    "fest-otlet": (
        SessionKind.FESTIVAL,
        T("Héros oubliés : Paul Otlet", "Vergeten helden: Paul Otlet", "Forgotten heroes: Paul Otlet"),
        T(
            "En avatar 3D, le fondateur du Mundaneum raconte son rêve de classer tout le savoir du monde.",
            "Als 3D-avatar vertelt de stichter van het Mundaneum over zijn droom om alle kennis te ordenen.",
            "As a 3D avatar, the founder of the Mundaneum tells of his dream of filing all the "
            "world's knowledge.",
        ),
        *IMMERSIVE_FOR_EVERYONE,
        ["bram-claes"],
        25,
    ),
    "fest-vandiest": (
        SessionKind.FESTIVAL,
        T(
            "Héroïnes oubliées : Isala Van Diest",
            "Vergeten heldinnen: Isala Van Diest",
            "Forgotten heroines: Isala Van Diest",
        ),
        T(
            "Rencontre en réalité augmentée avec la première femme médecin de Belgique.",
            "Ontmoeting in augmented reality met de eerste vrouwelijke arts van België.",
            "An augmented-reality meeting with Belgium's first woman doctor.",
        ),
        *IMMERSIVE_FOR_EVERYONE,
        ["chloe-martin"],
        25,
    ),
    "fest-gramme": (
        SessionKind.FESTIVAL,
        T(
            "Héros oubliés : Zénobe Gramme",
            "Vergeten helden: Zénobe Gramme",
            "Forgotten heroes: Zénobe Gramme",
        ),
        T(
            "L'inventeur de la dynamo revient en avatar 3D pour expliquer comment on fabrique du courant.",
            "De uitvinder van de dynamo komt terug als 3D-avatar en legt uit hoe je stroom maakt.",
            "The inventor of the dynamo returns as a 3D avatar to explain how electricity is made.",
        ),
        ["virtual-reality"],
        SpokenLanguage.FR_NL,
        SessionAudience.FAMILIES,
        {"quiet_space": True},
        ["bram-claes"],
        25,
    ),
    "fest-popelin": (
        SessionKind.FESTIVAL,
        T(
            "Héroïnes oubliées : Marie Popelin",
            "Vergeten heldinnen: Marie Popelin",
            "Forgotten heroines: Marie Popelin",
        ),
        T(
            "La première femme docteure en droit de Belgique, à qui l'on refusa le barreau, en art numérique "
            "immersif.",
            "De eerste vrouwelijke doctor in de rechten van België, die niet tot de balie werd "
            "toegelaten, in "
            "immersieve digitale kunst.",
            "Belgium's first woman doctor of law, refused entry to the bar, in immersive digital art.",
        ),
        *IMMERSIVE_FOR_EVERYONE,
        ["chloe-martin"],
        25,
    ),
    "fest-lights": (
        SessionKind.FESTIVAL,
        T(
            "Salle des lumières : art numérique immersif",
            "Lichtzaal: immersieve digitale kunst",
            "Hall of lights: immersive digital art",
        ),
        T(
            "Projections à 360 degrés et musique : une pause sans mots, assis ou allongé.",
            "360-gradenprojecties en muziek: een pauze zonder woorden, zittend of liggend.",
            "360-degree projections and music: a break without words, sitting or lying down.",
        ),
        ["virtual-reality"],
        SpokenLanguage.NONE,
        SessionAudience.EVERYONE,
        {"quiet_space": True},
        ["bram-claes"],
        40,
    ),
    "ws-phone": (
        SessionKind.PUBLIC_WORKSHOP,
        T(
            "Atelier : protéger son smartphone",
            "Workshop: je smartphone beveiligen",
            "Workshop: secure your smartphone",
        ),
        T(
            "Apportez votre téléphone : verrouillage, mises à jour, sauvegardes, applications trop "
            "curieuses.",
            "Breng je telefoon mee: vergrendeling, updates, back-ups, te nieuwsgierige apps.",
            "Bring your phone: screen lock, updates, backups, apps that are too curious.",
        ),
        ["cybersecurity", "digital-inclusion"],
        SpokenLanguage.FR,
        SessionAudience.EVERYONE,
        {"interpretation": True},
        ["lucas-mertens"],
        15,
    ),
    "ws-game": (
        SessionKind.PUBLIC_WORKSHOP,
        T(
            "Atelier : créer son premier jeu vidéo",
            "Workshop: je eerste videogame maken",
            "Workshop: make your first video game",
        ),
        T(
            "Une heure pour dessiner un niveau, le programmer et le faire tester par les autres.",
            "Een uur om een level te tekenen, te programmeren en door de anderen te laten testen.",
            "One hour to draw a level, program it and have the others play it.",
        ),
        ["e-gaming", "digital-jobs"],
        SpokenLanguage.NL,
        SessionAudience.YOUNG,
        {},
        ["emilie-renard"],
        15,
    ),
    "ws-procedures": (
        SessionKind.PUBLIC_WORKSHOP,
        T(
            "Atelier : les démarches en ligne pas à pas",
            "Workshop: online procedures stap voor stap",
            "Workshop: online procedures step by step",
        ),
        T(
            "Créer un compte, signer avec sa carte d'identité, retrouver un document : à son rythme, "
            "avec une "
            "médiatrice.",
            "Een account maken, tekenen met je identiteitskaart, een document terugvinden: op je "
            "eigen tempo, "
            "met een bemiddelaar.",
            "Create an account, sign with your identity card, find a document again: at your own "
            "pace, with a "
            "mediator.",
        ),
        ["digital-inclusion"],
        SpokenLanguage.FR_NL,
        SessionAudience.EVERYONE,
        {"sign_language": True, "quiet_space": True},
        ["ines-van-damme"],
        12,
    ),
    "ws-footprint": (
        SessionKind.PUBLIC_WORKSHOP,
        T(
            "Atelier : mesurer l'empreinte de ses appareils",
            "Workshop: de voetafdruk van je toestellen meten",
            "Workshop: measure your devices' footprint",
        ),
        T(
            "Calculez ce que pèsent vos appareils et vos usages, et repartez avec trois gestes utiles.",
            "Bereken wat je toestellen en je gebruik wegen, en ga naar huis met drie nuttige gewoonten.",
            "Work out what your devices and habits weigh, and leave with three useful habits.",
        ),
        ["digital-footprint"],
        SpokenLanguage.FR,
        SessionAudience.FAMILIES,
        {},
        ["elif-yilmaz"],
        15,
    ),
    "ws-robot": (
        SessionKind.PUBLIC_WORKSHOP,
        T(
            "Atelier famille : programmer un petit robot",
            "Gezinsworkshop: een kleine robot programmeren",
            "Family workshop: program a small robot",
        ),
        T(
            "Parents et enfants programment ensemble un robot qui suit une ligne.",
            "Ouders en kinderen programmeren samen een robot die een lijn volgt.",
            "Parents and children program a line-following robot together.",
        ),
        ["digital-jobs"],
        SpokenLanguage.FR_NL,
        SessionAudience.FAMILIES,
        {},
        ["thomas-jacobs"],
        12,
    ),
}

# The grid: (day index, space slug, start "HH:MM", minutes, item key or "pk:<theme>")
FRIDAY = [
    ("main-stage", "12:15", 45, "talk-twin"),
    ("main-stage", "13:15", 60, "pk:digital-twin"),
    ("main-stage", "14:30", 45, "talk-scams"),
    ("main-stage", "15:30", 60, "pk:climate-technology"),
    ("main-stage", "16:45", 60, "pk:mobility"),
    ("demo-stage", "12:00", 30, "demo-robot"),
    ("demo-stage", "12:45", 30, "demo-vr"),
    ("demo-stage", "13:30", 30, "demo-passwords"),
    ("demo-stage", "14:15", 30, "demo-twin"),
    ("demo-stage", "15:00", 30, "demo-air"),
    ("demo-stage", "15:45", 30, "demo-coding"),
    ("demo-stage", "16:30", 30, "demo-repair"),
    ("demo-stage", "17:15", 30, "demo-routes"),
    ("arena", "12:00", 90, "tour-racing"),
    ("arena", "14:00", 60, "tour-retro"),
    ("arena", "15:30", 90, "tour-football"),
    ("arena", "17:15", 40, "tour-duo"),
    ("invisible-festival", "12:00", 40, "fest-otlet"),
    ("invisible-festival", "13:00", 40, "fest-vandiest"),
    ("invisible-festival", "14:00", 40, "fest-gramme"),
    ("invisible-festival", "15:00", 40, "fest-popelin"),
    ("invisible-festival", "16:00", 40, "fest-lights"),
    ("invisible-festival", "17:00", 40, "fest-otlet"),
    ("workshop-3", "14:00", 60, "ws-phone"),
    ("workshop-3", "16:00", 60, "ws-game"),
]
SATURDAY = [
    ("main-stage", "10:15", 45, "talk-ai"),
    ("main-stage", "11:15", 60, "pk:cybersecurity"),
    ("main-stage", "12:30", 45, "talk-footprint"),
    ("main-stage", "13:30", 60, "pk:e-gaming"),
    ("main-stage", "14:45", 45, "talk-jobs"),
    ("main-stage", "15:45", 60, "pk:digital-jobs"),
    ("main-stage", "17:00", 60, "pk:digital-inclusion"),
    ("demo-stage", "10:15", 30, "demo-coding"),
    ("demo-stage", "11:00", 30, "demo-robot"),
    ("demo-stage", "11:45", 30, "demo-twin"),
    ("demo-stage", "12:30", 30, "demo-passwords"),
    ("demo-stage", "13:15", 30, "demo-vr"),
    ("demo-stage", "14:00", 30, "demo-air"),
    ("demo-stage", "14:45", 30, "demo-repair"),
    ("demo-stage", "15:30", 30, "demo-routes"),
    ("demo-stage", "16:15", 30, "demo-robot"),
    ("demo-stage", "17:00", 30, "demo-vr"),
    ("arena", "10:30", 60, "tour-duo"),
    ("arena", "12:00", 90, "tour-racing"),
    ("arena", "14:00", 60, "tour-retro"),
    ("arena", "15:30", 60, "tour-football"),
    ("arena", "16:45", 75, "tour-strategy"),
    ("invisible-festival", "10:00", 40, "fest-lights"),
    ("invisible-festival", "11:00", 40, "fest-otlet"),
    ("invisible-festival", "12:00", 40, "fest-vandiest"),
    ("invisible-festival", "13:00", 40, "fest-gramme"),
    ("invisible-festival", "14:00", 40, "fest-popelin"),
    ("invisible-festival", "15:00", 40, "fest-lights"),
    ("invisible-festival", "16:00", 40, "fest-otlet"),
    ("invisible-festival", "17:00", 40, "fest-vandiest"),
    ("workshop-3", "10:30", 60, "ws-procedures"),
    ("workshop-3", "12:00", 60, "ws-footprint"),
    ("workshop-3", "14:00", 60, "ws-robot"),
    ("workshop-3", "16:00", 60, "ws-phone"),
    ("workshop-1", "11:00", 45, "talk-inclusion"),
    ("workshop-1", "14:00", 45, "talk-vr"),
    ("workshop-1", "16:00", 45, "talk-buildings"),
]
