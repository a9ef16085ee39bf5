"""What the model card says, as the tests' oracle: phase titles in order, each phase's items, the canvas lists."""

PHASE_TITLES = [
    "Määritellään tarve",
    "Määritellään tarvittavat resurssit",
    "Analysoidaan palveluntuottajan toimintaympäristö",
    "Kartoitetaan toiveet, tarpeet ja tavoitteet",
    "Suunnitellaan ja kehitetään toimintaa yhdessä kohderyhmien kanssa",
    "Tarkennetaan yhteistyökumppanit ja osaaminen",
    "Mallinnetaan palveluprosessi",
    "Täsmennetään mittarit",
    "Implementoidaan toimintamalli käytäntöön",
    "Arvioidaan toiminnan vaikutuksia",
    "Kehitetään toimintamallia",
]

PHASE_ITEMS = {
    1: ["Työttömät työnhakijat alueella", "Lähipalvelujen tarve"],
    2: [
        "Toimivat kyläyhdistykset",
        "Alueen pitkäaikaistyöttömät",
        "Kaupunki",
        "Kyläläiset",
        "Rahoitusmahdollisuudet palkkaukseen",
    ],
    3: [
        "Palveluntuottajan (kyläyhdistyksen) toimintaympäristö",
        "Tavoitteet",
        "Kohderyhmät ja asiakkaat",
        "Mahdollisuus aloittaa työnantajana",
    ],
    4: [
        "Asiakkaiden ja kohderyhmien toiveet, tarpeet ja tavoitteet",
        "Palvelua tuottavien henkilöiden toiveet, tarpeet ja tavoitteet",
        "Työtehtävien ja työpaikkojen määrä alueella",
    ],
    5: ["Palvelumalli", "Työntekoa tukevat ryhmätoiminnot ja vertaistuki", "Jakelukanavat", "Jatkuva kehittäminen"],
    6: [
        "Palkkahallinto",
        "TE-toimisto",
        "Työtoiminnan ohjaaja",
        "Työterveys",
        "Lähikylät",
        "Muut yhdistykset ja seurat",
        "Yritykset",
        "Vapaaehtoistyöntekijät",
        "Työtehtävien ja työpaikkojen määrä alueella",
    ],
    7: ["Toimintamallin dokumentointi", "Roolitukset", "Vastuut", "Tehtävät"],
    8: ["Mittarit palvelun arvioimiseksi"],
    9: ["Toimintamalli käytäntöön"],
    10: ["Yksilön näkökulma", "Yhteisön näkökulma", "Talouden näkökulma"],
    11: ["Palautteet", "Tulokset", "Tarpeet"],
}

CANVAS = {
    "employee": [
        "Hyvinvointia ja osallisuutta",
        "Työtä",
        "Toimijuutta",
        "Mielekästä tekemistä",
        "Vertaistukea",
        "Parempi työ- ja toimintakyky",
        "Parempi toimeentulo",
        "Mahdollisuus oman osaamisen hyödyntämiselle, kehittämiselle ja näkyväksi tekemiselle",
        "Ohjausta työnhakuun avoimilta markkinoilta",
    ],
    "village_association": [
        "Lisää resursseja",
        "Kunnostetut kylätalot",
        "Yhteistyökumppaneita",
        "Mahdollisuus hoitaa omaa ympäristöä ja lisätä kylän hyvinvointia",
        "Palkkaa tehdystä työstä",
    ],
    "village_community": [
        "Työpaikkoja",
        "Lähipalveluja",
        "Yhteisöllisyyttä",
        "Mielekästä tekemistä ja harrastustoimintaa",
        "Viihtyisämpi asuinympäristö",
        "Elinvoimaisuutta haja-asutusalueille",
    ],
    "city": [
        "Uusia keinoja edistää työllisyyttä",
        "Uusia keinoja edistää kuntalaisten yhdenvertaisuutta",
        "Vähemmän huono-osaisuutta ja enemmän osallisuutta",
        "Taloudellisia säästöjä",
    ],
}

ACTOR_NAMES = ["Kaupunki", "Kyläyhteisö", "Kyläyhdistys"]
