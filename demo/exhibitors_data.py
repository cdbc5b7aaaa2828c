"""The demo exhibitors' data: categories, organizations (real then fictional), activities, plan markers.

The real organizations (Paradigm with IRISbox, the six projects of the 2023 Digital.Brussels call) appear only
with the facts published about them (see ../shared/event-facts.md); every other exhibitor is fictional, with a
website under the reserved `.example` domain.
"""

from __future__ import annotations

from exhibitors.enums import MarkerKind

CATEGORIES = [
    ("virtual-reality", "Réalité virtuelle", "Virtuele realiteit", "Virtual reality"),
    ("cybersecurity", "Cybersécurité", "Cyberveiligheid", "Cybersecurity"),
    (
        "artificial-intelligence",
        "Intelligence artificielle",
        "Artificiële intelligentie",
        "Artificial intelligence",
    ),
    ("e-gaming", "E-gaming", "E-gaming", "E-gaming"),
    ("retrogaming", "Retrogaming", "Retrogaming", "Retrogaming"),
    ("smart-buildings", "Bâtiments intelligents", "Slimme gebouwen", "Smart buildings"),
    (
        "digital-jobs",
        "Métiers et formations du numérique",
        "Digitale jobs en opleidingen",
        "Digital jobs and training",
    ),
    ("digital-inclusion", "Inclusion numérique", "Digitale inclusie", "Digital inclusion"),
    ("public-services", "Services publics", "Overheidsdiensten", "Public services"),
    ("environment", "Environnement", "Milieu", "Environment"),
]

# slug, name, categories, (FR, NL, EN) description, website
REAL = [
    (
        "paradigm",
        "Paradigm – IRISbox",
        ["public-services", "digital-inclusion", "environment"],
        (
            "Paradigm organise le Printemps Numérique. Venez découvrir IRISbox, le guichet en ligne de la "
            "Région : 805 000 demandes en 2023 et 340 démarches, faites à 50 % depuis un ordinateur, à 49 % "
            "depuis un smartphone et à 1 % depuis une tablette. Suivez aussi le parcours Paradigm sur "
            "l'empreinte environnementale du numérique et le « sac à dos écologique » d'un ordinateur "
            "portable.",
            "Paradigm organiseert de Digitale Lente. Ontdek IRISbox, het online loket van het Gewest: "
            "805.000 aanvragen in 2023 en 340 procedures, voor 50 % vanaf een computer, 49 % vanaf een "
            "smartphone en 1 % vanaf een tablet. Volg ook het Paradigm-parcours over de ecologische "
            "voetafdruk van digitale technologie en de 'ecologische rugzak' van een laptop.",
            "Paradigm organizes Digital Spring. Discover IRISbox, the region's online counter: "
            "805,000 requests in 2023 and 340 procedures, 50% made from a computer, 49% from a smartphone "
            "and 1% from a tablet. Follow the Paradigm trail on the environmental footprint of digital "
            "technology, too, and the 'ecological backpack' of a laptop.",
        ),
        "",
    ),
    (
        "ara",
        "ARA",
        ["digital-inclusion"],
        (
            "ARA présente « A digital Home », un projet pour les personnes sans abri, l'un des six projets "
            "de l'appel Digital.Brussels 2023.",
            "ARA stelt 'A digital Home' voor, een project voor daklozen, een van de zes projecten van de "
            "Digital.Brussels-oproep van 2023.",
            "ARA presents 'A digital Home', a project for homeless people, one of the six projects of the "
            "2023 Digital.Brussels call.",
        ),
        "",
    ),
    (
        "croix-rouge",
        "Croix-Rouge de Belgique",
        ["digital-inclusion"],
        (
            "La Croix-Rouge de Belgique présente « Ensemble, Tous Connectés », l'un des six projets de "
            "l'appel Digital.Brussels 2023.",
            "Het Belgische Rode Kruis stelt 'Ensemble, Tous Connectés' voor, een van de zes projecten van "
            "de Digital.Brussels-oproep van 2023.",
            "The Belgian Red Cross presents 'Ensemble, Tous Connectés', one of the six projects of the 2023 "
            "Digital.Brussels call.",
        ),
        "",
    ),
    (
        "habitat-renovation",
        "Habitat & Rénovation",
        ["digital-inclusion"],
        (
            "Habitat & Rénovation présente « De la maison à l'espace numérique », l'un des six projets de "
            "l'appel Digital.Brussels 2023.",
            "Habitat & Rénovation stelt 'De la maison à l'espace numérique' voor, een van de zes projecten "
            "van de Digital.Brussels-oproep van 2023.",
            "Habitat & Rénovation presents 'De la maison à l'espace numérique', one of the six projects of "
            "the 2023 Digital.Brussels call.",
        ),
        "",
    ),
    (
        "cpas-schaerbeek",
        "CPAS de Schaerbeek",
        ["digital-inclusion", "public-services"],
        (
            "Le CPAS de Schaerbeek présente « De l'accueil vers l'accompagnement numérique », l'un des six "
            "projets de l'appel Digital.Brussels 2023.",
            "Het OCMW van Schaarbeek stelt 'De l'accueil vers l'accompagnement numérique' voor, een van de "
            "zes projecten van de Digital.Brussels-oproep van 2023.",
            "The CPAS of Schaerbeek presents 'De l'accueil vers l'accompagnement numérique', one of the six "
            "projects of the 2023 Digital.Brussels call.",
        ),
        "",
    ),
    (
        "arts-et-publics",
        "Arts&Publics",
        ["digital-inclusion", "e-gaming"],
        (
            "Arts&Publics présente « XPlay », des jeux vidéo pour les 15–25 ans, l'un des six projets de "
            "l'appel Digital.Brussels 2023.",
            "Arts&Publics stelt 'XPlay' voor, videogames voor 15- tot 25-jarigen, een van de zes projecten "
            "van de Digital.Brussels-oproep van 2023.",
            "Arts&Publics presents 'XPlay', video games for 15–25-year-olds, one of the six projects of the "
            "2023 Digital.Brussels call.",
        ),
        "",
    ),
    (
        "atelier-du-web",
        "L'Atelier du web",
        ["digital-inclusion"],
        (
            "L'Atelier du web présente « Les Cordonniers du Web », l'un des six projets de l'appel "
            "Digital.Brussels 2023.",
            "L'Atelier du web stelt 'Les Cordonniers du Web' voor, een van de zes projecten van de "
            "Digital.Brussels-oproep van 2023.",
            "L'Atelier du web presents 'Les Cordonniers du Web', one of the six projects of the 2023 "
            "Digital.Brussels call.",
        ),
        "",
    ),
]

# Fictional exhibitors: slug, name, categories, (FR, NL, EN)
FICTIONAL = [
    (
        "voxelia",
        "Voxelia",
        ["virtual-reality"],
        (
            "Casques de réalité virtuelle en libre essai : visitez Bruxelles en 1900.",
            "VR-brillen om vrij uit te proberen: bezoek Brussel in 1900.",
            "Virtual reality headsets to try: visit Brussels in 1900.",
        ),
    ),
    (
        "immersio-lab",
        "Immersio Lab",
        ["virtual-reality", "digital-jobs"],
        (
            "Un studio qui crée des formations en réalité virtuelle pour les métiers techniques.",
            "Een studio die VR-opleidingen maakt voor technische beroepen.",
            "A studio making virtual reality training for technical trades.",
        ),
    ),
    (
        "holo-brussels",
        "Holo Brussels",
        ["virtual-reality"],
        (
            "Hologrammes et réalité mixte : manipulez des objets qui n'existent pas.",
            "Hologrammen en mixed reality: hanteer voorwerpen die niet bestaan.",
            "Holograms and mixed reality: handle objects that do not exist.",
        ),
    ),
    (
        "cyberwijs",
        "CyberWijs",
        ["cybersecurity", "digital-inclusion"],
        (
            "Apprenez à reconnaître un SMS frauduleux en trois minutes.",
            "Leer in drie minuten een frauduleuze sms herkennen.",
            "Learn to spot a scam text message in three minutes.",
        ),
    ),
    (
        "shieldnet",
        "ShieldNet",
        ["cybersecurity"],
        (
            "Un mot de passe est-il solide ? Testez vos réflexes face aux pirates.",
            "Is een wachtwoord sterk? Test je reflexen tegen hackers.",
            "Is a password strong? Test your reflexes against hackers.",
        ),
    ),
    (
        "cert-academy",
        "CERT Academy",
        ["cybersecurity", "digital-jobs"],
        (
            "Les métiers de la cybersécurité expliqués par celles et ceux qui les font.",
            "De beroepen in cyberveiligheid uitgelegd door wie ze uitoefent.",
            "Cybersecurity jobs explained by the people who do them.",
        ),
    ),
    (
        "phishing-escape",
        "Phishing Escape",
        ["cybersecurity", "e-gaming"],
        (
            "Un escape game de 15 minutes pour déjouer une arnaque en ligne.",
            "Een escape game van 15 minuten om online oplichting te verijdelen.",
            "A 15-minute escape game to foil an online scam.",
        ),
    ),
    (
        "neuronal",
        "Neuronal",
        ["artificial-intelligence"],
        (
            "Comment une IA reconnaît-elle un chat ? Entraînez-la vous-même.",
            "Hoe herkent een AI een kat? Train ze zelf.",
            "How does an AI recognize a cat? Train one yourself.",
        ),
    ),
    (
        "datawijs",
        "DataWijs",
        ["artificial-intelligence", "digital-inclusion"],
        (
            "L'intelligence artificielle expliquée simplement, sans jargon.",
            "Artificiële intelligentie eenvoudig uitgelegd, zonder jargon.",
            "Artificial intelligence explained simply, without jargon.",
        ),
    ),
    (
        "robotarm-factory",
        "RobotArm Factory",
        ["artificial-intelligence", "digital-jobs"],
        (
            "Démonstrations de bras robotisés : programmez un mouvement en direct.",
            "Demonstraties met robotarmen: programmeer live een beweging.",
            "Robotic arm demonstrations: program a movement live.",
        ),
    ),
    (
        "brainbox-ai",
        "Brainbox AI Lab",
        ["artificial-intelligence"],
        (
            "Traduction automatique, voix de synthèse : les promesses et les limites.",
            "Automatische vertaling, synthetische stemmen: beloften en grenzen.",
            "Machine translation, synthetic voices: the promises and the limits.",
        ),
    ),
    (
        "fairalgo",
        "FairAlgo",
        ["artificial-intelligence", "public-services"],
        (
            "Des algorithmes publics transparents : qui décide, et comment ?",
            "Transparante publieke algoritmes: wie beslist, en hoe?",
            "Transparent public algorithms: who decides, and how?",
        ),
    ),
    (
        "arena-bxl",
        "Arena BXL",
        ["e-gaming"],
        (
            "Tournois amicaux toute la journée, inscrivez-vous sur le stand.",
            "Vriendschappelijke toernooien de hele dag, schrijf je in op de stand.",
            "Friendly tournaments all day long; sign up at the stand.",
        ),
    ),
    (
        "pixel-union",
        "Pixel Union",
        ["e-gaming", "digital-jobs"],
        (
            "Les métiers du jeu vidéo : graphiste, développeuse, testeur.",
            "De beroepen in de gamesector: grafisch ontwerper, ontwikkelaar, tester.",
            "Jobs in video games: artist, developer, tester.",
        ),
    ),
    (
        "gamecraft",
        "GameCraft Brussels",
        ["e-gaming"],
        (
            "Créez un mini-jeu en 20 minutes, sans savoir coder.",
            "Maak een mini-game in 20 minuten, zonder te kunnen programmeren.",
            "Make a mini-game in 20 minutes, no coding needed.",
        ),
    ),
    (
        "fair-play-gaming",
        "Fair Play Gaming",
        ["e-gaming", "digital-inclusion"],
        (
            "Manettes adaptées et jeux accessibles : le jeu vidéo pour tout le monde.",
            "Aangepaste controllers en toegankelijke games: gamen voor iedereen.",
            "Adapted controllers and accessible games: gaming for everyone.",
        ),
    ),
    (
        "retro-bruxelles",
        "Retro Bruxelles",
        ["retrogaming"],
        (
            "Trente consoles d'hier en libre accès, de la Pong à la GameCube.",
            "Dertig consoles van vroeger om vrij te spelen, van Pong tot GameCube.",
            "Thirty consoles of yesteryear to play, from Pong to the GameCube.",
        ),
    ),
    (
        "8bit-museum",
        "8-Bit Museum",
        ["retrogaming"],
        (
            "Un musée de poche des ordinateurs familiaux des années 80.",
            "Een zakmuseum van de thuiscomputers uit de jaren 80.",
            "A pocket museum of 1980s home computers.",
        ),
    ),
    (
        "arcade-brol",
        "Arcade Brol",
        ["retrogaming", "e-gaming"],
        (
            "Bornes d'arcade restaurées par des bénévoles.",
            "Arcadekasten gerestaureerd door vrijwilligers.",
            "Arcade cabinets restored by volunteers.",
        ),
    ),
    (
        "chiptune-club",
        "Chiptune Club",
        ["retrogaming"],
        (
            "Faites de la musique avec une vieille console portable.",
            "Maak muziek met een oude draagbare console.",
            "Make music with an old handheld console.",
        ),
    ),
    (
        "smartwall",
        "SmartWall",
        ["smart-buildings", "environment"],
        (
            "Capteurs et chauffage intelligent : un bâtiment qui consomme moins.",
            "Sensoren en slimme verwarming: een gebouw dat minder verbruikt.",
            "Sensors and smart heating: a building that uses less.",
        ),
    ),
    (
        "domotica",
        "Domotica Brussels",
        ["smart-buildings"],
        (
            "La maison connectée sans perdre le contrôle de vos données.",
            "De verbonden woning zonder de controle over je gegevens te verliezen.",
            "The connected home without losing control of your data.",
        ),
    ),
    (
        "twin-city",
        "TwinCity",
        ["smart-buildings", "public-services"],
        (
            "Le jumeau numérique d'un quartier bruxellois, en 3D.",
            "De digitale tweeling van een Brusselse wijk, in 3D.",
            "The digital twin of a Brussels neighbourhood, in 3D.",
        ),
    ),
    (
        "light-control",
        "LightControl",
        ["smart-buildings", "environment"],
        (
            "Éclairage qui s'adapte à la présence : démonstration sur maquette.",
            "Verlichting die zich aanpast aan aanwezigheid: demo op een maquette.",
            "Lighting that adapts to presence: a demonstration on a model.",
        ),
    ),
    (
        "code-school",
        "CodeSchool Brussels",
        ["digital-jobs"],
        (
            "Formations gratuites au développement web pour demandeurs d'emploi.",
            "Gratis opleidingen webontwikkeling voor werkzoekenden.",
            "Free web development training for jobseekers.",
        ),
    ),
    (
        "digital-pathways",
        "Digital Pathways",
        ["digital-jobs"],
        (
            "Quel métier du numérique est fait pour vous ? Un test en 10 questions.",
            "Welk digitaal beroep past bij jou? Een test in 10 vragen.",
            "Which digital job suits you? A ten-question test.",
        ),
    ),
    (
        "techwomen",
        "TechWomen Brussels",
        ["digital-jobs", "digital-inclusion"],
        (
            "Rencontres avec des femmes qui travaillent dans le numérique.",
            "Ontmoetingen met vrouwen die in de digitale sector werken.",
            "Meet women who work in digital.",
        ),
    ),
    (
        "data-academy",
        "Data Academy",
        ["digital-jobs", "artificial-intelligence"],
        (
            "Les métiers de la donnée, de l'analyste au data scientist.",
            "De databeroepen, van analist tot datawetenschapper.",
            "Data jobs, from analyst to data scientist.",
        ),
    ),
    (
        "fablab-canal",
        "FabLab Canal",
        ["digital-jobs", "environment"],
        (
            "Imprimantes 3D et découpe laser : fabriquez un porte-clés.",
            "3D-printers en lasersnijders: maak een sleutelhanger.",
            "3D printers and laser cutters: make a key ring.",
        ),
    ),
    (
        "junior-coders",
        "Junior Coders",
        ["digital-jobs"],
        (
            "Un premier pas dans le code pour les enfants de 8 à 12 ans.",
            "Een eerste stap in programmeren voor kinderen van 8 tot 12.",
            "A first taste of coding for children aged 8 to 12.",
        ),
    ),
    (
        "connect-seniors",
        "Connect Seniors",
        ["digital-inclusion"],
        (
            "Aide pas à pas pour les aînés : smartphone, e-mail, appels vidéo.",
            "Stap-voor-staphulp voor senioren: smartphone, e-mail, videobellen.",
            "Step-by-step help for older people: smartphone, email, video calls.",
        ),
    ),
    (
        "easy-digital",
        "EasyDigital",
        ["digital-inclusion", "public-services"],
        (
            "Un accompagnement pour faire vos démarches en ligne.",
            "Begeleiding bij je online administratie.",
            "Help with your online procedures.",
        ),
    ),
    (
        "open-access",
        "Open Access Web",
        ["digital-inclusion"],
        (
            "Naviguer au lecteur d'écran : essayez, et voyez ce qui bloque.",
            "Surfen met een schermlezer: probeer het en zie wat blokkeert.",
            "Browsing with a screen reader: try it and see what gets in the way.",
        ),
    ),
    (
        "repair-cafe-numerique",
        "Repair Café Numérique",
        ["environment", "digital-inclusion"],
        (
            "Apportez votre smartphone en panne : on le répare ensemble.",
            "Breng je kapotte smartphone mee: we herstellen hem samen.",
            "Bring your broken smartphone: we fix it together.",
        ),
    ),
    (
        "green-bytes",
        "Green Bytes",
        ["environment"],
        (
            "Combien d'énergie consomme une vidéo en ligne ? Mesurez-le.",
            "Hoeveel energie verbruikt een online video? Meet het.",
            "How much energy does an online video use? Measure it.",
        ),
    ),
    (
        "second-life-it",
        "Second Life IT",
        ["environment", "digital-inclusion"],
        (
            "Ordinateurs reconditionnés pour associations et familles.",
            "Gereviseerde computers voor verenigingen en gezinnen.",
            "Refurbished computers for associations and families.",
        ),
    ),
    (
        "low-tech-lab",
        "Low-Tech Lab Bruxelles",
        ["environment"],
        (
            "Moins d'appareils, plus longtemps : astuces pour un numérique sobre.",
            "Minder toestellen, langer gebruiken: tips voor zuinig digitaal.",
            "Fewer devices, used longer: tips for frugal digital habits.",
        ),
    ),
    (
        "e-counter",
        "e-Guichet Communal",
        ["public-services"],
        (
            "Votre commune en ligne : certificats et rendez-vous sans file.",
            "Je gemeente online: attesten en afspraken zonder wachtrij.",
            "Your municipality online: certificates and appointments without queues.",
        ),
    ),
    (
        "open-data-bxl",
        "Open Data BXL",
        ["public-services", "artificial-intelligence"],
        (
            "Les données publiques bruxelloises, à explorer sur grand écran.",
            "Brusselse open data, te verkennen op groot scherm.",
            "Brussels open data, to explore on a big screen.",
        ),
    ),
    (
        "mobility-hub",
        "Mobility Hub",
        ["public-services", "smart-buildings"],
        (
            "Se déplacer à Bruxelles : comparer les trajets en temps réel.",
            "Je verplaatsen in Brussel: vergelijk routes in realtime.",
            "Getting around Brussels: compare journeys in real time.",
        ),
    ),
    (
        "library-lab",
        "Biblio Lab",
        ["public-services", "digital-inclusion"],
        (
            "Les bibliothèques prêtent aussi des tablettes et des ateliers.",
            "Bibliotheken lenen ook tablets en workshops uit.",
            "Libraries lend tablets and workshops too.",
        ),
    ),
    (
        "drone-school",
        "Drone School",
        ["digital-jobs", "virtual-reality"],
        (
            "Pilotez un drone en simulateur avant de passer au vrai.",
            "Vlieg een drone in de simulator voor je het echt doet.",
            "Fly a drone in a simulator before the real one.",
        ),
    ),
    (
        "ar-heritage",
        "AR Heritage",
        ["virtual-reality", "public-services"],
        (
            "La réalité augmentée fait revivre le patrimoine de Tour & Taxis.",
            "Augmented reality brengt het erfgoed van Thurn en Taxis tot leven.",
            "Augmented reality brings the heritage of Tour & Taxis back to life.",
        ),
    ),
]

ACTIVITIES = {
    "paradigm": [
        ("Parcours « sac à dos écologique »", "Parcours 'ecologische rugzak'", "'Ecological backpack' trail"),
        ("Démonstration d'IRISbox", "Demonstratie van IRISbox", "IRISbox demonstration"),
    ],
    "robotarm-factory": [
        ("Programmez un bras robotisé", "Programmeer een robotarm", "Program a robotic arm")
    ],
    "cyberwijs": [("Quiz : arnaque ou pas ?", "Quiz: oplichting of niet?", "Quiz: scam or not?")],
    "phishing-escape": [("Escape game de 15 minutes", "Escape game van 15 minuten", "15-minute escape game")],
    "arena-bxl": [("Tournoi de l'après-midi", "Namiddagtoernooi", "Afternoon tournament")],
    "junior-coders": [("Premiers pas en code", "Eerste stappen in code", "First steps in coding")],
    "repair-cafe-numerique": [("Atelier réparation", "Herstelatelier", "Repair workshop")],
    "green-bytes": [
        ("Mesurer l'énergie d'une vidéo", "De energie van een video meten", "Measuring a video's energy")
    ],
    "twin-city": [
        ("Visite du jumeau numérique", "Rondleiding in de digitale tweeling", "A tour of the digital twin")
    ],
    "voxelia": [("Bruxelles en 1900, en VR", "Brussel in 1900, in VR", "Brussels in 1900, in VR")],
    "retro-bruxelles": [("Défi Pong", "Pong-uitdaging", "Pong challenge")],
    "neuronal": [("Entraînez une IA", "Train een AI", "Train an AI")],
}


# kind, (FR, NL, EN) label, x, y on the site plan
MARKERS = [
    (MarkerKind.ENTRANCE, ("Entrée principale", "Hoofdingang", "Main entrance"), 82.5, 2),
    (
        MarkerKind.INFO_DESK,
        ("Accueil et information", "Onthaal en informatie", "Welcome and information"),
        82.5,
        9,
    ),
    (MarkerKind.TOILETS, ("", "", ""), 82.5, 22),
    (MarkerKind.ACCESSIBLE_TOILETS, ("", "", ""), 82.5, 29),
    (MarkerKind.FIRST_AID, ("", "", ""), 82.5, 44),
    (MarkerKind.ENTRANCE, ("Entrée Hall B", "Ingang Hal B", "Hall B entrance"), 120, 1),
    (MarkerKind.STAFF_ENTRANCE, ("", "", ""), 153, 46),
    (MarkerKind.TOILETS, ("", "", ""), 112, 52.5),
]
