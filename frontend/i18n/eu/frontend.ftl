# ElkarBackup web aplikazioa: euskarazko testuak.
# Gako bakoitzak en/ eta es/ karpetetan ere egon behar du, eta frontend/src-n erabili.

## Aplikazioaren markoa

app-name = ElkarBackup
# Nabigatzaileko fitxaren izenburua; $page orriaren izenburua da.
app-title = { $page } · ElkarBackup
loading = Kargatzen…
skip-to-content = Joan eduki nagusira
signed-in-as = Saioa hasita: { $user }
save = Gorde
saving = Gordetzen…
cancel = Utzi

## Hizkuntza-hautatzailea (hizkuntza bakoitza bere izenarekin)

lang-select-label = Hizkuntza
language-eu = Euskara
language-es = Español
language-en = English

## Nabigazioa

nav-label = Nabigazio nagusia
nav-toggle = Menua
nav-jobs = Lanak
nav-status = Egoera
nav-policies = Politikak
nav-scripts = Scriptak
nav-users = Erabiltzaileak
nav-logs = Erregistroak
nav-group-config = Konfigurazioa
nav-settings = Ezarpenak
nav-preferences = Hobespenak
nav-password = Aldatu pasahitza
nav-tokens = API tokenak
nav-about = Honi buruz
nav-logout = Amaitu saioa

## Saioa hastea

login-title = Hasi saioa
login-subtitle = Babeskopien zerbitzaria
login-username = Erabiltzaile-izena
login-password = Pasahitza
login-submit = Sartu
login-submitting = Sartzen…

## Behin-behineko orriak eta errore-orriak

not-available-title = Orri hau ez dago erabilgarri oraindik
not-available-body = ElkarBackup-en zati hau eraikitzen ari gara oraindik. Erabili menua beste orri batera joateko.
not-found-title = Ez da orria aurkitu
not-found-body = Ez dago orririk helbide honetan: { $path }.
not-found-home = Joan lanen zerrendara
forbidden-title = Administratzaileentzat soilik
forbidden-body = Administratzaile-rola behar duzu orri hau ikusteko.

## Hobespenak

prefs-language = Hizkuntza
prefs-page-size = Errenkadak orriko
prefs-page-size-help = Zerrendek orri bakoitzean zenbat errenkada erakusten dituzten, 5etik 500era.
prefs-page-size-invalid = Idatzi 5 eta 500 arteko zenbaki oso bat.
prefs-saved = Zure hobespenak gorde dira.

## Pasahitza aldatzea

password-current = Oraingo pasahitza
password-new = Pasahitz berria
password-repeat = Errepikatu pasahitz berria
password-help = Gutxienez 8 karaktere.
password-mismatch = Bi pasahitz berriak ez datoz bat.
password-wrong-current = Oraingo pasahitza ez da zuzena.
password-too-short = Pasahitz berriak gutxienez 8 karaktere izan behar ditu.
password-submit = Aldatu pasahitza
password-changed = Zure pasahitza aldatu da.

## API tokenak

tokens-intro = API token pertsonalei esker, scriptek eta monitorizazio-tresnek ElkarBackup-en APIa erabil dezakete zure izenean. Bidali tokena “Authorization: Bearer <token>” goiburuan.
tokens-create-title = Token berria
tokens-name = Izena
tokens-name-placeholder = adib. monitorizazioa
tokens-name-required = Eman izen bat tokenari.
tokens-create = Sortu tokena
tokens-creating = Sortzen…
tokens-secret-title = Zure API token berria
tokens-secret-warning = Kopiatu token hau orain eta gorde leku seguru batean: ez da berriro erakutsiko.
tokens-secret-label = API token berria
tokens-copy = Kopiatu
tokens-copied = Tokena arbelean kopiatu da.
tokens-copy-manual = Tokena hautatuta dago: sakatu Ctrl+C kopiatzeko.
tokens-secret-done = Eginda, kopiatu dut
tokens-list-title = Zure tokenak
tokens-empty = Oraindik ez duzu API tokenik.
tokens-col-name = Izena
tokens-col-prefix = Hasiera
tokens-col-created = Sortua
tokens-col-last-used = Azken erabilera
tokens-col-actions = Ekintzak
tokens-never-used = Inoiz ez
tokens-revoke = Baliogabetu
tokens-revoke-confirm = “{ $name }” baliogabetu? Erabiltzen duten scriptek ez dute gehiago funtzionatuko.
tokens-revoke-yes = Bai, baliogabetu
tokens-revoked = Tokena baliogabetu da.

## Honi buruz

about-description = Erakunde osoentzako babeskopia-zerbitzaria: ssh eta rsync bidez iristen den edozein ordenagailutako fitxategiak diskoko kopietan gordetzen ditu, eta eguneroko, asteroko eta hileroko kopiak mantentzen ditu zure politikek esandakoaren arabera.
about-version = Zerbitzariaren bertsioa
about-version-unknown = Ez dago erabilgarri
about-licence-title = Lizentzia
about-licence = ElkarBackup software librea da: birbanatu edo aldatu dezakezu Free Software Foundationek argitaratutako GNU Lizentzia Publiko Orokorraren baldintzen arabera, Lizentziaren 3. bertsioa edo (zuk hala nahi izanez gero) ondorengo edozein bertsio erabiliz.
about-warranty = Erabilgarria izango delakoan banatzen da, baina INOLAKO BERMERIK GABE; MERKATURATZEKO edo HELBURU JAKIN BATERAKO EGOKITASUNAREN berme inplizitua ere gabe. Xehetasun gehiagorako, ikusi GNU Lizentzia Publiko Orokorra.
about-licence-link = Irakurri GNU Lizentzia Publiko Orokorra, 3. bertsioa

## APIaren errore-kodeak (error-<kodea>)

error-bad-request = Ezin izan da eskaera ulertu. Kargatu berriro orria eta saiatu berriro.
error-validation-failed = Eremu batzuk ez dira baliozkoak. Begiratu ondoan dituzten mezuak.
error-unauthorized = Zure saioa amaitu da. Hasi saioa berriro.
error-invalid-credentials = Erabiltzaile-izena edo pasahitza okerra da.
error-csrf-header-missing = Eskaera baztertu da segurtasun-arrazoiengatik. Kargatu berriro orria eta saiatu berriro.
error-forbidden = Ez duzu hau egiteko baimenik.
error-not-found = Ez dago, edo ezabatu egin da.
error-conflict = Honek gatazka sortzen du lehendik dauden datuekin (adibidez, izena erabilita dago jada).
error-rate-limited = Saiakera gehiegi. Itxaron minutu batzuk eta saiatu berriro.
error-method-not-allowed = Eragiketa hau ez da onartzen.
error-internal = Zerbait gaizki joan da zerbitzarian. Saiatu berriro; berriz gertatzen bada, eskatu administratzaileari zerbitzariaren erregistroa begiratzeko.
error-database-unavailable = Zerbitzariak ezin du bere datu-basera iritsi une honetan. Saiatu berriro minutu batzuk barru.
error-unknown = Zerbait gaizki joan da. Saiatu berriro.
error-network = Ezin da zerbitzarira konektatu. Egiaztatu konexioa eta saiatu berriro.

## Eremu bateko arazoak

field-error-required = Eremu hau derrigorrezkoa da.
field-error-too-short = Laburregia da.
field-error-too-long = Luzeegia da.
field-error-out-of-range = Balio hau onartutako tartetik kanpo dago.
field-error-taken = Izen hau erabilita dago jada.
field-error-invalid = Balio hau ez da baliozkoa.
