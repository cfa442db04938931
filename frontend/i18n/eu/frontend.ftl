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
language-unset = Aukeratu gabe
prefs-language-unset = Aukeratu gabe ({ $shown } erakusten)

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
nav-notifications = Jakinarazpenak
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
# Said on the login page itself, so that it follows the language chosen there.
login-failed = Erabiltzaile-izena edo pasahitza okerra da.

## Behin-behineko orriak eta errore-orriak

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
password-help = Gutxienez 12 karaktere, asmatzen zailak.
password-mismatch = Bi pasahitz berriak ez datoz bat.
password-wrong-current = Oraingo pasahitza ez da zuzena.
password-too-short = Pasahitz berriak gutxienez 12 karaktere izan behar ditu.
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

## Zerbitzariak azaldu ezin izan dituen hutsegiteak (bestela, haren mezu itzulia erakusten da)

error-unknown = Zerbait gaizki joan da. Saiatu berriro.
error-network = Ezin da zerbitzarira konektatu. Egiaztatu konexioa eta saiatu berriro.
form-invalid = Eremu batzuk ez dira baliozkoak. Begiratu ondoan dituzten mezuak.

## Eremu bateko arazoak

field-error-required = Eremu hau derrigorrezkoa da.
field-error-too-short = Laburregia da.
field-error-too-long = Luzeegia da.
field-error-out-of-range = Balio hau onartutako tartetik kanpo dago.
field-error-taken = Izen hau erabilita dago jada.
field-error-invalid = Balio hau ez da baliozkoa.

## Formularioetako laguntza komunak

working = Lanean…
help-title = Laguntza
# Lerroz lerro editatutako zerrenda bateko sarrera: $line haren lerro-zenbakia da.
field-line = { $line }. lerroa: { $message }
unsaved-confirm = Gorde gabeko aldaketak daude. Orri honetatik irten eta galdu nahi dituzu?

## Bidali aurretik aurkitutako arazoak (zerbitzariaren hitzekin)

validation-required = Eremu hau derrigorrezkoa da.
validation-too-short = Gutxienez { $min } karaktere izan behar ditu.
validation-too-long = Gehienez { $max } karaktere izan ditzake.
validation-out-of-range = { $min } eta { $max } artean egon behar du.
validation-invalid = Balio hau ez da baliozkoa.
validation-not-allowed = Aukera hau ez dago baimenduta.
validation-duplicate = Izen hau dagoeneko erabiltzen ari da.
validation-time-format = Erabili 24 orduko HH:MM formatua, adibidez 21:00.
validation-mismatch = Balioak ez datoz bat.
edit = Editatu
delete = Ezabatu
clone = Klonatu
never = Inoiz ez
inactive = Ez aktiboa
run-now = Exekutatu orain

## Orrikatzea

pager-label = Orriak
pager-first = Lehena
pager-prev = Aurrekoa
pager-next = Hurrengoa
pager-last = Azkena
pager-status = { $page }. orria / { $pages } (guztira { $total })

## Balioen izenak

result-ok = Ondo
result-warning = Abisua
result-failed = Huts egin du
result-aborted = Eten da
result-none = Exekutatu gabe
connection-local-short = Zerbitzari hau
level-hourly = Egunean zehar
level-daily = Egunekoa
level-weekly = Astekoa
level-monthly = Hilekoa
level-yearly = Urtekoa
keep-hourly = egunean zeharreko { $count }
keep-daily = eguneko { $count }
keep-weekly = asteko { $count }
keep-monthly = hileko { $count }
keep-yearly = urteko { $count }

## Lanak (orri nagusia)

jobs-add-client = Gehitu bezeroa
jobs-priorities = Lanen lehentasunak
jobs-search = Bilatu bezeroak izenaren arabera
jobs-bulk-label = Hautatutako errenkadekin:
jobs-bulk-run = Exekutatu orain
jobs-bulk-delete = Ezabatu
jobs-add-job = Gehitu lana
jobs-empty = Oraindik ez dago bezerorik. Gehitu lehena «Gehitu bezeroa» botoiarekin.
jobs-no-match = Ez dago testu hau duen bezero-izenik.
select-all = Hautatu orri honetako bezero eta lan guztiak
jobs-card-select-all = Hautatu denak
select-client = Hautatu { $name } bezeroa
select-job = Hautatu { $name } lana
col-id = Id
col-name = Izena
col-source = Jatorria
col-last-result = Azken emaitza
col-last-run = Azken exekuzioa
col-size = Tamaina
col-actions = Ekintzak
quota-of = { $used } / { $quota } (%{ $percent })
client-cloned = «{ $name }» kopia sortu da, lanen kopiekin.
delete-client-title = «{ $name }» bezeroa ezabatu?
delete-job-title = «{ $name }» lana ezabatu?
delete-items-title = Hautatutako { $count } elementuak ezabatu?
delete-clients-intro = Bezero hauek ezabatuko dira, beren lan guztiekin:
delete-client-no-jobs = lanik gabe
delete-client-jobs = { $count ->
    [one] lan bat: { $jobs }
   *[other] { $count } lan: { $jobs }
}
delete-jobs-intro = Lan hauek ezabatuko dira:
delete-backups-warning = Haien babeskopia guztiak ere kenduko dira babeskopien kokapenetatik (atzeko planoan). Ezin da desegin.
deleted-count = { $count ->
    [one] Elementu bat ezabatu da. Haren babeskopiak atzeko planoan kentzen ari dira.
   *[other] { $count } elementu ezabatu dira. Haien babeskopiak atzeko planoan kentzen ari dira.
}

## Katalogoko formularioetan komunak

description = Deskribapena
advanced = Aurreratua
saved = Aldaketak gorde dira.
back-to-list = Itzuli zerrendara
download = Deskargatu
max-parallel-jobs = Aldi bereko lanak
copy = Kopiatu
copy-done = Arbelean kopiatu da.
copy-manual = Testua hautatuta dago: sakatu Ktrl+C kopiatzeko.
scripts-none-allowed = Oraindik ez dago hemen erabil daitekeen scriptik. Administratzaileek igotzen dituzte scriptak, eta haiek erabakitzen dute non erabil daitekeen bakoitza.

## Bezeroaren formularioa

client-new-title = Bezero berria
client-edit-title = «{ $name }» bezeroa
client-not-saved = Gorde lehenago bezeroa.
client-name = Izena
client-connection = Konexioa
client-kind = Nola iristen da
client-kind-ssh = rsync ssh bidez
client-kind-rsync = rsync zerbitzaria (daemon)
client-kind-local = Zerbitzari honetako direktorio bat
client-user = ssh erabiltzailea
client-daemon-user = Deabruaren erabiltzailea
client-daemon-user-help = rsyncd.conf fitxategian «auth users» duen modulu baterako. Utzi hutsik modulu irekia bada.
client-daemon-password = Deabruaren pasahitza
client-daemon-password-set = Pasahitz bat gordeta dago. Utzi hau hutsik mantentzeko. rsync-i bere ingurunean ematen zaio, inoiz ez komando-lerroan.
client-daemon-password-unset = Ez dago pasahitzik gordeta. Zerbitzarian gordetzen da eta rsync-i bere ingurunean ematen zaio; ez da berriro erakusten.
client-daemon-password-forget = Ezabatu gordetako pasahitza
client-host = Ostalariaren izena edo helbidea
client-port = Ataka
client-local-note = Bezero honen lanek babeskopien zerbitzariko direktorioak kopiatzen dituzte; ez da sareko konexiorik erabiltzen.
client-active = Aktiboa (programatutakoaren arabera kopiatzen da)
client-owner = Jabea
client-owner-default = Lehenetsia (sortzen duena)
client-quota = Kuota
client-quota-unit = Unitatea
client-quota-hint = Utzi hutsik mugarik ez jartzeko.
client-pre-scripts = Bere lanen aurreko scriptak
client-post-scripts = Bere lanen ondorengo scriptak
client-ssh-options = ssh aukera gehigarriak
client-ssh-options-hint = Bat lerro bakoitzeko, Izena=balioa gisa (adibidez ConnectTimeout=20).
client-rsync-options = rsync aukera gehigarriak
client-rsync-options-hint = Bat lerro bakoitzeko (adibidez --bwlimit=5000 edo --compress).
client-jobs = Bezero honen lanak
client-no-jobs = Bezero honek ez du lanik oraindik. Gehitu bat «Gehitu lana» botoiarekin.
client-size-title = Tamaina
client-size-total = Tamaina guztira
client-size-quota = Kuota
client-size-quota-line = Kuota: { $quota }
client-size-no-quota = Kuotarik ez: bezero hau mugarik gabe hazi daiteke.
client-size-quota-high = Kuotaren %{ $percent } gainditu du: askatu lekua edo handitu kuota.
client-size-history = Tamaina egunez egun
client-size-empty = Oraindik ez dago tamainaren historiarik: bezeroaren tamaina egunean behin gordetzen da.
client-key-title = Bezero honen ssh gakoak
client-key-intro = ElkarBackup bezero honetara { $user } gisa konektatzen da, berezko gakoekin. Gehitu beheko lerroak erabiltzaile horren ~/.ssh/authorized_keys fitxategira bezeroan, edo exekutatu han komandoak.
client-key-not-ssh = Bezero honetara ez da ssh bidez iristen, beraz ez du gakorik behar. Gakoa gorde egiten da, geroago ssh-ra aldatzen baduzu ere.
client-public-key = Gako publikoa
client-authorized-line = Babeskopia-gakoa: authorized_keys fitxategirako lerroa
client-authorized-line-help = «restrict» aukerak debekatu egiten ditu atakak, agentea eta X11 birbideratzea eta terminalak; rsync-ek ez ditu behar.
client-install-command = Instalatzeko komandoa
client-install-command-help = Exekutatu bezeroan { $user } gisa: lerroa ~/.ssh/authorized_keys fitxategiari gehitzen dio, eta fitxategia sortzen du behar bada.
client-key-regenerate = Sortu gako berri bat
client-key-regenerate-title = Gako berri bat sortu bezero honentzat?
client-key-regenerate-body = Oraingo gakoak berehala uzten dio funtzionatzeari: bezero honen babeskopiek huts egingo dute gako berria bertan instalatu arte.
client-authorized-line-help-rrsync = Gakoak irakurri besterik ezin du egin, rrsync bidez (rsync 3.2.4 eta berriagoekin dator, /usr/bin/rrsync Debianen), eta gakoen direktorioaren barruan bakarrik: lapurtzen duenak ez du shellik lortzen, ezin du idatzi ezta atakak birbideratu ere.
client-key-plain-recommend = Bezero honen gakoak shell bat ematen dio zerbitzariari bezeroan. Gomendioa: aukeratu «Mugatuak (rrsync)» Konexioa atalean eta gorde, instalatu hemen ageri diren lerroak oraingoaren ordez, eta probatu konexioa. Bezeroan ssh bidez komandoak exekutatzen dituzten scriptek gako arrunta behar dute.
client-restore-title = Leheneratze-gakoa
client-restore-intro = Bezero honetako leheneratzeek idatzi besterik egin ezin duen bigarren gako bat erabiltzen dute. Instalatu bezero honetan leheneratu nahi den kasuetan bakarrik: hura gabe, hemengo leheneratzeak ukatu egiten dira eta ez da ezer idazten.
client-restore-none = Bezero honek ez du oraindik leheneratze-gakorik.
client-restore-line = Leheneratze-gakoa: authorized_keys fitxategirako lerroa
client-restore-line-help = Gakoak idatzi besterik ezin du egin, rrsync bidez, gakoen direktorioaren barruan: ezin du bezeroaren fitxategirik irakurri.
client-restore-create = Sortu leheneratze-gako bat
client-restore-create-title = Leheneratze-gako bat sortu bezero honentzat?
client-restore-regenerate = Sortu leheneratze-gako berri bat
client-restore-regenerate-title = Leheneratze-gako berri bat sortu bezero honentzat?
client-restore-regenerate-body = Bezero honetako leheneratzeek leheneratze-gako berriaren lerroa bertan instalatzen denean funtzionatuko dute; aurreko leheneratze-gakoak berehala uzten dio funtzionatzeari.
client-key-mode = Gakoak bezeroan
client-key-mode-rrsync = Mugatuak (rrsync)
client-key-mode-plain = Gako arrunta (shell bat)
client-key-mode-help = Gako mugatuak seguruagoak dira: babeskopiek irakurri baino ez dute egiten, leheneratzeek idatzi baino egiten ez duen beste gako bat erabiltzen dute, eta zerbitzariak ezin du komandorik exekutatu bezeroan. Aldatu bezeroan instalatutako lerroekin batera bakarrik.
client-key-root = Gakoak mugatzen diren direktorioa
client-key-root-help = «/» sistema osorako, edo bezero honen lanen bideak barnean dituen direktorioa, adibidez /home. Lanek eta leheneratzeek haren barruan egon behar dute. «/» ez den direktorio batekin, rrsync-ek ez die leheneratzeei gailu-fitxategirik, FIFOrik edo socketik sortzen uzten.
key-state-missing = instalatu gabe
key-state-unrestricted = mugarik gabe (shell bat)
key-state-read-only = irakurtzeko soilik
key-state-write-only = idazteko soilik
key-state-read-write = irakurri eta idazten du
key-state-broken = instalatuta, baina rsync-ek ezin du haren bidez funtzionatu (instalatuta al dago rrsync, eta existitzen al da direktorioa?)
client-test-backup-key = Babeskopia-gakoa: { $state }
client-test-restore-key = leheneratze-gakoa: { $state }
client-test-key-unrestricted = Babeskopia-gakoak edozein komando exekuta dezake bezeroan. Erabili gako mugatuak: aukeratu «Mugatuak (rrsync)» Konexioa atalean behar bada, eta instalatu gakoen paneleko lerroak.
client-test-backup-key-writes = Babeskopia-gakoak bezeroan idatzi ere egin dezake: instalatu gakoen paneleko irakurtzeko soilik den lerroa (rrsync -ro).
client-test-restore-key-reads = Leheneratze-gakoak bezeroaren fitxategiak irakurri ere egin ditzake: instalatu gakoen paneleko idazteko soilik den lerroa (rrsync -wo).
run-error-restore-key-missing = Bezero honetan ez dago leheneratzerik gaituta: ez dago bertan haren leheneratze-gakoa instalatuta. Instalatu leheneratze-gakoaren lerroa bezeroaren orritik.
run-error-outside-key-root = Bidea bezero honen gako mugatuak mugatzen diren direktoriotik kanpo dago.
run-error-key-mode-mismatch = Bezeroan instalatutako lerroa ez dator bat bezeroaren gakoen ezarpenarekin: instalatu orri honetan ageri diren lerroak, edo aldatu «Gakoak bezeroan».
settings-key-from = Zerbitzari honen helbidea, bezeroek ikusten duten moduan
settings-key-from-hint = Helbideak, sareak edo ostalari-izenak, komaz bereizita. Hutsik: gakoen lerroek ez dute from= aukerarik.
settings-help-key-from = Ezarrita badago, bezeroen gako-lerro bakoitzak from="…" darama: zerbitzari honetatik kopiatutako gako bat beste edozein lekutatik ukatu egiten da. Aldatu ondoren, instalatu lerro berriak bezeroetan.
host-key = Bezeroaren ostalari-gakoa:
host-key-unknown = oraindik ikusi gabea (lehen konexioan erregistratzen da).
host-key-pending = ikusia, onartzeko zain.
host-key-accepted = onartua; konexioek zorrotz egiaztatzen dute.
client-help-intro = Bezeroa fitxategiak kopiatzen zaizkion ordenagailua da. Bezero bakoitzak lan bat edo gehiago ditu, kopiatu beharreko direktorio bakoitzeko bat.
client-help-name = Bezeroa ezagutzeko izen bakarra, adibidez ostalariaren izena. Gehienez 100 karaktere.
client-help-description = Jendearentzako ohar libreak: non dagoen makina, nori deitu, zer duen.
client-help-kind = «rsync ssh bidez»: ohiko aukera ssh zerbitzaria eta rsync dituzten Linux, macOS eta Windows makinetarako. «rsync zerbitzaria»: bezeroak rsync zerbitzari bat exekutatzen du (ostalaria::modulua); orduan, lanaren jatorriko bideak moduluaren izenarekin hasi behar du. «Zerbitzari honetako direktorio bat»: direktorio lokalak kopiatzen ditu, adibidez muntatutako sareko baliabide bat.
client-help-user = ElkarBackup-ek bezeroan sartzeko erabiltzen duen kontua. Lanek kopiatzen duten guztia irakurtzeko gai izan behar du (askotan root). Letrak, zifrak, puntuak, marratxoak eta azpimarrak; ezin da marratxoarekin hasi.
client-help-daemon-login = rsync deabru bezeroetarako soilik. Moduluaren rsyncd.conf fitxategiak «auth users» eta «secrets file» baditu, eman erabiltzaile horietako bat eta bere pasahitza. Pasahitza zerbitzarian gordetzen da, ez da berriro erakusten, eta rsync-i RSYNC_PASSWORD ingurune-aldagaian ematen zaio; beraz, ez da inoiz prozesu-zerrendan edo erregistro batean agertzen.
client-help-host = Bezeroaren DNS izena edo IP helbidea (IPv6 kortxete artean). Zuriunerik gabe, eta ezin da marratxoarekin hasi.
client-help-port = ssh ataka (22 lehenespenez) edo rsync zerbitzariarena (873 lehenespenez).
client-help-active = Bezero ez-aktiboak ez dira inoiz programazioaren arabera kopiatzen, eta grisez agertzen dira lanen zerrendan; haien babeskopiak gorde egiten dira.
client-help-owner = Bezeroaren arduraduna den erabiltzailea. Operadoreek beren jabetzako bezeroak bakarrik ikusten eta kudeatzen dituzte; administratzaileek bakarrik alda dezakete jabea. «Jabeari» bidalitako abisuak erabiltzaile honi iristen zaizkio.
client-help-quota = Bezeroaren babeskopiek gehienez hartu beharko luketen lekua, MiB, GiB edo TiB-tan. Lanen zerrendako tamaina-barra gorri jartzen da administratzaileak finkatutako abisu-mailaren gainetik. Hutsik badago, ez dago mugarik.
client-help-max-parallel = Bezero honen zenbat lan exekuta daitezkeen aldi berean (1etik 100era). Utzi 1 makina txikietarako eta konexio motelentzat.
client-help-pre-scripts = Babeskopien zerbitzarian exekutatzen dira bezero honen lehen lana hasi aurretik, adibidez makina pizteko edo argazki bat ateratzeko. Batek huts egiten badu, bezeroaren lanak ez dira oraingoan exekutatzen. «Bezero baten aurretik» baimendutako scriptak bakarrik eskaintzen dira.
client-help-post-scripts = Babeskopien zerbitzarian exekutatzen dira bezero honen azken lanaren ondoren, adibidez argazki bat askatzeko. «Bezero baten ondoren» baimendutako scriptak bakarrik eskaintzen dira.
client-help-ssh-options = ssh ezarpen gehigarriak, bat lerro bakoitzeko, Izena=balioa gisa. Aukera kaltegabeak bakarrik onartzen dira (denbora-mugak, keep-alive, zifratzeak, gako-trukea eta antzekoak); komandoak exekuta ditzaketenak edo ostalari-gakoaren egiaztapena ahul dezaketenak baztertu egiten dira.
client-help-rsync-options = rsync aukera gehigarriak, bat lerro bakoitzeko, baimendutako zerrenda batetik: --bwlimit=, --compress (-z), --sparse, --one-file-system, --checksum, --max-size=, --min-size=, --compress-level=, --contimeout=, --skip-compress=, --iconv=, --block-size=, --whole-file, --no-whole-file, --ipv4, --ipv6, --ignore-errors, --omit-dir-times, eta --rsync-path= /bide/absolutua/rsync, sudo rsync edo sudo /bide/absolutua/rsync balioekin (gako arruntaren moduan bakarrik). rsync-i argumentu bereizi gisa pasatzen zaizkio, inoiz ez shell baten bidez.
client-help-key = Bezero bakoitzak bere ssh gakoa du, harekin batera sortua. Zati pribatua ez da inoiz zerbitzaritik ateratzen; instalatu zati publikoa bezeroan. «Sortu gako berri bat» aukerak ordezkatu egiten du (adibidez, bezeroa arriskuan egon bada). Bezeroaren beraren ostalari-gakoa lehen konexioan erregistratzen da, eta gero bat etorri behar du.

## Lanaren formularioa

choose = Aukeratu…
job-late = Berandu
job-late-since = { $when }(e)tik berandu: aurreikusitako exekuzio batetik, tartea igarota, ez dago babeskopia zuzenik
job-new-title = «{ $client }» bezeroaren lan berria
job-edit-title = «{ $client }» bezeroaren «{ $name }» lana
job-not-saved = Gorde lehenago lana.
job-back = Itzuli bezerora
job-name = Izena
job-source-path = Jatorriko bidea
job-path-hint-ssh = Bezeroko direktorioaren bide absolutua, adibidez /home/ edo /var/www/.
job-path-hint-daemon = rsync modulua, eta, nahi izanez gero, haren barruko bide bat; adibidez backup/ edo backup/home/.
job-path-hint-local = Zerbitzari honetako direktorioaren bide absolutua, adibidez /srv/share/.
job-policy = Politika
job-location = Babeskopien kokapena
job-location-moved = Lan hau beste kokapen batera eramatera zoaz. Hurrengo babeskopiak argazki-sorta berri bat hasiko du han (kopia osoa, kokapena beste disko batean badago). Orain arte egindako argazkiak dauden lekuan geratzen dira: arakatu eta leheneratu daitezke oraindik, eta politikak ohi bezala ezabatzen ditu.
job-active = Aktiboa (politikak dioenean exekutatzen da)
job-notifications = Abisuak
job-notify-admin = Bidali administratzaileei
job-notify-owner = Bidali bezeroaren jabeari
job-notify-emails = Bidali helbide hauetara ere
job-notify-emails-hint = Helbide elektroniko bat lerro bakoitzeko.
job-notify-threshold = Zein exekuziori buruz abisatu
notify-all = Guztiei buruz
notify-warning = Abisuak eta hutsegiteak
notify-error = Hutsegiteak bakarrik
notify-none = Bat ere ez
job-notify-mode = Lanak huts egiten jarraitzen badu
notify-mode-changes = Lehen hutsegitearen eta berreskurapenaren berri eman
notify-mode-every = Hutsegite bakoitzaren berri eman
job-late-grace = Berandu (ordu hauen ondoren)
job-late-grace-hint = Lana berandu dago bere politikak aurreikusitako azken exekuziotik ordu hauek igaro eta babeskopia zuzenik ez duenean.
job-pre-scripts = Lanaren aurreko scriptak
job-post-scripts = Lanaren ondorengo scriptak
job-exclude = Baztertu
job-include = Sartu
job-patterns-policy = Hutsik: politikaren ereduak erabiltzen dira ({ $patterns }).
job-patterns-policy-none = Hutsik: politikaren ereduak erabiltzen dira (ez du bat ere).
job-local-permissions = Baimenak berridatzi, kopiak edonork irakur ditzan
job-permissions-rewritten-warning = Baimenak berridazten dira: leheneratutako fitxategiek ez dituzte jatorrizko baimenak berreskuratuko, eta fitxategi pribatuak edonork irakur ditzake.
job-priority = Lehentasuna
job-token-title = Abiarazte-tokena
job-token-intro = Abiarazte-token batekin, beste sistema batek (monitorizazio-tresna batek, datu-base baten iraulketaren amaierako script batek) lan hau abiaraz dezake HTTPS eskaera bakar batekin, erabiltzaile-konturik gabe.
job-token-set = Lan honek abiarazte-tokena du. Sortu zenean bakarrik erakutsi zen.
job-token-none = Lan honek ez du abiarazte-tokenik.
job-token-create = Sortu token bat
job-token-replace = Ordeztu tokena
job-token-remove = Kendu tokena
job-token-value = Abiarazte-token berria
job-token-command = Lana abiarazten duen komandoa
job-token-upstream = Gauza bera ElkarBackup 2.x-en helbidearekin (handik ekarritako crontab-etarako)
job-token-replace-title = Abiarazte-tokena ordeztu?
job-token-replace-body = Oraingo tokenak berehala uzten dio funtzionatzeari; erabiltzen duten sistemei berria eman behar zaie.
job-token-remove-title = Abiarazte-tokena kendu?
job-token-remove-body = Tokena erabiltzen duten sistemek ezin izango dute lan hau abiarazi.
delete-job-body = Lan honen babeskopia guztiak ere kenduko dira bere kokapenetik (atzeko planoan). Ezin da desegin.
job-help-intro = Lan batek bezero baten direktorio bat kopiatzen du. Noiz exekutatzen den eta zenbat kopia gordetzen diren haren politikak erabakitzen du.
job-help-name = Jendearentzako izena, adibidez «home» edo «datu-baseak». Gehienez 100 karaktere; bezero baten bi lanek izen bera izan dezakete, baina argiagoa da ez badute.
job-help-description = Ohar libreak: zer dagoen direktorioan, nori galdetu leheneratu aurretik.
job-help-source-path = Zer kopiatu. ssh bidez eta bezero lokaletan, direktorio baten bide absolutua (amaierako barrarekin, haren edukia kopiatzen da). rsync zerbitzarietan, moduluaren izena, eta, nahi izanez gero, bide bat. Ezin da marratxoarekin hasi.
job-help-policy = Programazioa eta atxikipena: noiz exekutatzen den lana eta egunean zeharreko, eguneko, asteko, hileko eta urteko zenbat kopia gordetzen diren. Lan askok partekatzen dute politika bera; aldatu Politikak orrian.
job-help-location = Kopiak gordetzen diren babeskopien zerbitzariko direktorioa. Lan bat beste kokapen batera eramanez gero, serie berri bat hasten da han; kopia zaharrak dauden lekuan geratzen dira.
job-help-active = Lan ez-aktiboak ez dira programazioaren arabera exekutatzen, eta grisez agertzen dira; haien kopiak gorde egiten dira. Bezero ez-aktibo baten lanak ere ez dira exekutatzen.
job-help-notifications = Nork jasotzen duen mezu elektronikoa exekuzio bakoitzaren ondoren: administratzaile guztiek, bezeroaren jabeak eta helbide gehigarriek.
job-help-threshold = Zein exekuziok bidaltzen duten mezua: denek, abisuak edo hutsegiteak dituztenek bakarrik, hutsegiteek bakarrik, edo batek ere ez.
job-help-pre-scripts = Babeskopien zerbitzarian exekutatzen dira kopia hasi aurretik, adibidez bezeroko datu-base bat iraultzeko. Batek huts egiten badu, lana ez da exekutatzen eta hutsegitetzat hartzen da. «Lan baten aurretik» baimendutako scriptak bakarrik eskaintzen dira.
job-help-post-scripts = Babeskopien zerbitzarian exekutatzen dira kopiaren ondoren, emaitza edozein dela ere; emaitza beren ingurunean jasotzen dute. «Lan baten ondoren» baimendutako scriptak bakarrik eskaintzen dira.
job-help-exclude = Kopiatu behar ez diren fitxategi eta direktorioen rsync ereduak, bat lerro bakoitzeko, adibidez *.tmp edo /home/*/.cache/. / ikurrarekin hasten den eredua jatorriko bidean ainguratzen da. Hutsik: politikaren bazterketa-ereduak erabiltzen dira. Ereduak ezin dira marratxoarekin hasi.
job-help-include = Baztertutako direktorioen barruan egon arren kopiatu behar diren fitxategien rsync ereduak, bat lerro bakoitzeko. Hutsik: politikaren sartze-ereduak erabiltzen dira.
job-help-local-permissions = Desaktibatuta (lehenetsia), argazki bakoitza kopia zehatza da: baimenak, jabeak, ACLak eta atributu hedatuak bezeroan bezala, eta leheneratzeak itzuli egiten ditu. Aktibatuta, rsync-ek baimenak berridazten ditu (--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx): leheneratutako fitxategiek ez dituzte jatorrizko baimenak berreskuratuko, eta fitxategi pribatuak edonork irakur ditzake. Zerbitzariak ez du behar arakatzeko, deskargatzeko edo leheneratzeko.
job-help-priority = Aldi berean egokitzen diren lanak lehentasunaren ordenan hasten dira. Aldatu ordena Lanen lehentasunak orrian.
job-help-token = Beste sistema bati lana abiarazteko aukera ematen dion sekretua, POST /api/jobs/ID/trigger eta X-Trigger-Token goiburuarekin. Behin bakarrik erakusten da; galtzen bada, ordeztu. Kendu behar ez denean.

## Politikak

remove = Kendu
deleted = Ezabatu da.
policies-intro = Politika batek esaten du noiz egiten diren babeskopiak eta maila bakoitzeko zenbat kopia gordetzen diren. Lan bakoitzak politika bat betetzen du.
policy-new = Politika berria
policy-new-title = Politika berria
policy-edit-title = «{ $name }» politika
policy-col-keeps = Gordetzen du
policy-col-jobs = Erabiltzen duten lanak
policy-name = Izena
policy-schedule = Programazioa eta atxikipena
policy-schedule-intro = Aktibatu behar dituzun mailak. Orduak babeskopien zerbitzariaren erlojuarenak dira.
policy-tab-problem = (arazo bat du)
policy-enabled = Erabili «{ $level }» maila
policy-keep = Gorde beharreko kopiak
policy-times = Eguneko orduak
policy-time-label = { $number }. ordua
policy-time-remove-label = Kendu { $number }. ordua
policy-add-time = Gehitu ordu bat
policy-days-of-week = Asteko egunak
policy-every-day = Bat ere markatu gabe: egunero.
policy-days-of-month = Hileko egunak
policy-every-day-of-month = Bat ere markatu gabe: egunero. Hilaren amaieraz gaindiko egun batek (apirilaren 31k) hilaren azken eguna esan nahi du.
policy-months = Hilabeteak
policy-every-month = Bat ere markatu gabe: hilabete guztietan.
policy-patterns = Bere lanen eredu lehenetsiak
policy-preview-title = Zer egiten du politika honek
policy-keeps = Azken kopiak gordetzen ditu: { $list }.
policy-keeps-nothing = Ez dago mailarik aktibatuta: ez litzateke ezer kopiatuko.
policy-reach = Zaharrenak { $span } inguru izango ditu.
policy-first-level = «{ $level }» mailak bezerotik kopiatzen du; maila handiagoek haren kopia zaharragoak gordetzen dituzte.
policy-next-runs = Hurrengo 10 exekuzioak
policy-browser-time = Nabigatzaile honen ordu-zonan ({ $zone }); zerbitzariak bere erlojua erabiltzen du.
policy-no-runs = Programazio hau ez da inoiz exekutatzen.
span-days = { $count ->
    [one] egun bat
   *[other] { $count } egun
}
span-weeks = { $count ->
    [one] aste bat
   *[other] { $count } aste
}
span-months = { $count ->
    [one] hilabete bat
   *[other] { $count } hilabete
}
span-years = { $count ->
    [one] urte bat
   *[other] { $count } urte
}
delete-used-by = Hauek erabiltzen dute:
delete-policy-title = «{ $name }» politika ezabatu?
delete-policy-body = Politika ezabatu egiten da; kopiak ez dira ukitzen. Lanek oraindik erabiltzen duten politika ezin da ezabatu: eraman lan horiek beste politika batera lehenago.
delete-script-title = «{ $name }» scripta ezabatu?
delete-script-body = Scripta zerbitzaritik ezabatzen da. Bezero edo lanei oraindik lotuta dagoen scripta ezin da ezabatu: askatu lehenago.
delete-location-title = «{ $name }» babeskopien kokapena ezabatu?
delete-location-body = Kokapena ElkarBackup-etik kentzen da; direktorioa eta bertako fitxategiak dauden bezala geratzen dira. Lanek oraindik erabiltzen duten kokapena ezin da ezabatu.
delete-user-title = «{ $name }» erabiltzailea ezabatu?
delete-user-body = Erabiltzaileak ezin izango du saioa hasi, eta haren API tokenek funtzionatzeari utziko diote. Haren bezeroak geratu egiten dira, jaberik gabe.
policy-help-intro = Politika bat programazio bat eta atxikipen-arau bat da, nahi adina lanek partekatua. Aurreikusitako ordu bakoitzean lanak behin kopiatzen du bere jatorria; kopia hori ordu horretan egokitzen zaizkion mailen kopia gisa gordetzen da.
policy-help-name = Politikak zer egiten duen esaten duen izena, adibidez «Lanegunetan 21:00etan, urtebete».
policy-help-description = Jendearentzako oharrak: noiz erabili politika hau.
policy-help-levels = Bost maila daude: egunean zehar, egunekoa, astekoa, hilekoa eta urtekoa. Aktibatutako maila txikienak bezerotik kopiatzen du; handiagoek kopia zaharragoak gordetzen dituzte beheko mailaren kopiak sustatuz, beraz hileko kopia bat denbora luzeagoz gordetako eguneko kopia zahar bat da.
policy-help-keep = Mailaren zenbat kopia gordetzen diren; zaharrena ezabatzen da berri bat iristen denean. Aldatu gabeko fitxategiak kopien artean partekatutako esteka gogorrak dira, beraz asko gordetzeak disko-leku gutxi hartzen du.
policy-help-times = Noiz exekutatzen den maila, HH:MM gisa, 24 orduko erlojuan eta zerbitzariaren ordu-zonan. «Egunean zehar» mailak ordu bat baino gehiago izan ohi ditu; besteek, bakarra. Egun batean ordu bat existitzen ez bada (udako ordutegira aldatzean), jauziaren ondoren berehala egiten da exekuzioa.
policy-help-days = Mugatu maila asteko egun, hileko egun eta hilabete batzuetara. Ezer markatzen ez bada, «guztiak» esan nahi du. Adibidez: astekoa igandean, hilekoa 1ean, urtekoa urtarrilaren 1ean.
policy-help-preview = Hurrengo exekuzioak, oraintik aurrera gertatuko liratekeen bezala, eta zer gordetzen den. Zure nabigatzailean kalkulatzen da, eta haren ordu-zonan erakusten.
policy-help-patterns = Berezko eredurik ez duten politika honetako lanek erabiltzen dituzten rsync bazterketa- eta sartze-ereduak, bat lerro bakoitzeko, adibidez *.tmp edo /home/*/.cache/.

## Lanen lehentasunak

priorities-title = Lanen lehentasunak
priorities-intro = Hainbat lan aldi berean egokitzen direnean, ordena honetan hasten dira, goitik behera. Arrastatu lan bat bere lekura, edo erabili gezi-botoiak, eta gorde.
priorities-moved = { $job } { $position }. lekura eraman da ({ $total }etik).
priorities-saved = Ordena berria gorde da.
priorities-reset = Desegin aldaketak
priorities-empty = Oraindik ez dago lanik.
priorities-up-label = Igo { $job }
priorities-down-label = Jaitsi { $job }
priorities-help-intro = Ordenak aldi berean exekuta daitezkeenak baino lan gehiago egokitzen direnean bakarrik du garrantzia (ikusi bezeroen, kokapenen eta zerbitzariaren ezarpenen «Aldi bereko lanak»): besteek itxaron egiten dute, eta zerrenda honetako lehenak hasten dira lehenago.
priorities-help-mouse-term = Saguarekin
priorities-help-mouse = Arrastatu errenkada bat bere heldulekutik eta askatu hartu behar duen lekuko errenkadaren gainean.
priorities-help-keys-term = Teklatuarekin
priorities-help-keys = Joan errenkada batera Tab teklarekin eta sakatu Alt+↑ edo Alt+↓, edo erabili haren ↑ eta ↓ botoiak. Mugimendu bakoitza pantaila-irakurgailuei iragartzen zaie.
priorities-help-save = Ez da ezer aldatzen gorde arte; ordena osoa batera gordetzen da. «Desegin aldaketak» gordetako ordenara itzultzen da.
error-in-use = Oraindik erabiltzen ari dira, beraz ezin da ezabatu.

## Scriptak

scripts-intro = Scriptak babeskopien zerbitzarian exekutatzen diren programak dira, bezero edo lan baten babeskopien aurretik edo ondoren: datu-base bat iraultzeko, argazki bat ateratzeko, makina bat pizteko, txosten bat bidaltzeko.
library-title = Script liburutegia
library-intro = Erabiltzeko prest dauden scriptak. Irakurri script baten iturburua eta gehitu: zure scriptetako bat bihurtzen da, bezeroei edo lanei lotzeko. Script batek dituen ezarpenak hasieran daude: deskargatu, editatu eta igo berriro.
library-add = Gehitu
library-add-named = Gehitu { $name }
library-show-source = Erakutsi iturburua
library-name-taken = Badago { $name } izeneko script bat: ireki goiko zerrendatik, edo aldatu izena liburutegikoa berriro gehitzeko.
library-needs-plain-key = Bezeroan komandoak exekutatzen ditu ssh bidez: bezeroak gako arruntaren modua behar du (gako mugatuek rsync bakarrik exekutatzen dute).
library-fail-if-empty-name = Huts egin jatorria hutsik badago
library-fail-if-empty-about = Babeskopia gelditzen du jatorriko direktorioa falta denean edo hutsik dagoenean, haren diskoa muntatuta ez dagoenean bezala; horrela, kopia huts bat ez da inoiz argazki berriena izango.
library-mysql-dump-name = MySQL / MariaDB irauli
library-mysql-dump-about = Babeskopiaren aurretik, datu-base guztiak bezeroko lanaren jatorriko direktoriora iraultzen ditu (sortu lan bat irauliak gordetzeko direktorio baterako, adib. /var/backups/mysql/).
library-postgresql-dump-name = PostgreSQL irauli
library-postgresql-dump-about = Babeskopiaren aurretik, datu-base bakoitza (pg_dump-en formatu propioan) eta rolak bezeroko lanaren jatorriko direktoriora iraultzen ditu (adib. /var/backups/postgresql/).
library-lvm-snapshot-name = LVM argazkia
library-lvm-snapshot-about = Babeskopiaren aurretik, LVM bolumen baten argazkia egiten du eta irakurtzeko soilik muntatzen du lanaren jatorriko bidean; ondoren, desmuntatu eta ezabatzen du. Editatu bolumena scriptean.
library-windows-vss-name = Windows itzal-kopia (VSS)
library-windows-vss-about = Windows bezero baten lanen aurretik, bolumenaren itzal-kopia (Volume Shadow Copy) bat sortzen du C:\elkarbackup-vss estekan; ondoren, ezabatzen du. Jarri lanak esteka horren azpian.
scripts-empty = Oraindik ez dago scriptik.
script-new = Script berria
script-new-title = Script berria
script-edit-title = «{ $name }» scripta
script-name = Izena
script-uses = Noiz exekuta daiteke
script-before = Aurretik
script-after = Ondoren
script-of-client = Bezero baten babeskopiak
script-of-job = Lan baten babeskopia
script-use-client-pre = bezero baten aurretik
script-use-client-post = bezero baten ondoren
script-use-job-pre = lan baten aurretik
script-use-job-post = lan baten ondoren
script-use-nowhere = inon ez oraindik
script-file = Programaren fitxategia
script-file-replace = Ordeztu programa
script-file-hint = Aukeratu igo beharreko fitxategia (gehienez 1 MiB).
script-file-current = Gordetako programak { $size } ditu. Aukeratu fitxategi bat ordeztu nahi baduzu bakarrik.
script-file-chosen = { $name } ({ $size }) gordetzean igoko da.
script-too-big = Fitxategi honek 1 MiB baino gehiago ditu.
script-unreadable = Ezin izan da fitxategia irakurri.
script-used-by = Hauek erabiltzen dute
script-unused = Ez dago script hau erabiltzen duen bezero edo lanik.
script-in-use = Erabiltzen ari diren scriptak ezin dira ezabatu: askatu lehenago beren bezero eta lanetatik.
script-help-intro = Script bat fitxategi exekutagarri bat da (#! lerroa duen shell script bat, edo edozein programa), babeskopien zerbitzariak ElkarBackup zerbitzuaren baimenekin exekutatzen duena, inoiz ez bezeroan bertan, hara konektatzen ez bada behintzat.
script-help-name = Izen bakarra, deskargatzean fitxategi-izen gisa ere erabiltzen dena. Barrarik gabe.
script-help-description = Scriptak zer egiten duen eta zer behar duen, lotzen dutenentzat.
script-help-uses = Non lot daitekeen scripta: bezero baten lan guztien aurretik edo ondoren, lan baten aurretik edo ondoren. Bezeroaren eta lanaren formularioek han baimendutako scriptak bakarrik eskaintzen dituzte.
script-help-file = Programa bera, gehienez 1 MiB. Derrigorrezkoa da scripta sortzean; editatzean, aukeratu fitxategi bat gordetakoa ordeztu nahi baduzu bakarrik.
script-help-env-term = Ingurunea
script-help-env = Scriptek ElkarBackup-en aurreko bertsioetako ELKARBACKUP_* ingurune-aldagaiak jasotzen dituzte, besteak beste ELKARBACKUP_LEVEL (CLIENT edo JOB), ELKARBACKUP_EVENT (PRE edo POST), ELKARBACKUP_ID, ELKARBACKUP_CLIENT_NAME, ELKARBACKUP_JOB_NAME, ELKARBACKUP_URL (jatorria, adibidez root@ostalaria:/home/), ELKARBACKUP_PATH (kopiak non gordetzen diren) eta ELKARBACKUP_STATUS (emaitza, ondorengo scriptetan: 0 zuzen amaitu dela esan nahi du).
script-help-exit-term = Irteera-kodea
script-help-exit = 0 zuzen amaitu dela esan nahi du. Aurreko script batek huts egiten badu, babeskopia horiek gelditu egiten dira; ondorengo script batek huts egiten badu, lana hutsegitetzat markatzen da. Aurreko batek huts egitean ondorengoak exekutatzen diren ala ez zerbitzariaren ezarpen bat da.
script-help-used-by = Script hau lotuta dagoen bezero eta lanak. Erabiltzen ari den scripta ezin da ezabatu.

## Babeskopien kokapenak

nav-locations = Babeskopien kokapenak
locations-intro = Babeskopien kokapenak zerbitzari honetan kopiak gordetzen diren direktorioak dira. Lan bakoitzak kokapen batean gordetzen ditu bere kopiak.
location-new = Kokapen berria
location-new-title = Babeskopien kokapen berria
location-edit-title = «{ $name }» babeskopien kokapena
location-name = Izena
location-directory = Direktorioa
location-active = Aktiboa (babeskopia berriak gorde daitezke hemen)
location-state = Egoera
location-space = Leku librea
location-inodes = Inodo libreak
location-online = Erabilgarri
location-offline = Ez dago erabilgarri
location-read-only = Ezin da idatzi
location-free-of = { $free } libre, { $total }(e)tik
location-inodes-free = { $free } / { $total }
location-help-intro = Babeskopien kokapena babeskopien zerbitzariko direktorio bat da, bere diskoan edo muntatutako sareko baliabide batean, kopiak gordetzen dituena.
location-help-name = Jendearentzako izena, adibidez «Disko nagusia» edo «NAS».
location-help-directory = ElkarBackup zerbitzuak idatz dezakeen direktorio existente baten bide absolutua. Gordetzean egiaztatzen da. Kopiak bezero eta lan bakoitzeko azpidirektorio batean gordetzen dira.
location-help-max-parallel = Zenbat lanek idatz dezaketen aldi berean kokapen honetan (1etik 100era). Disko motelek eta sareko baliabideek hobeto funtzionatzen dute gutxirekin.
location-help-active = Kokapen ez-aktibo baten lanak ez dira exekutatzen; haien kopiak gorde egiten dira, eta leheneratu daitezke oraindik.
location-help-state = Zerrenda erakustean egiaztatzen da: direktorioa badagoen eta idatz daitekeen, eta zenbat leku eta zenbat inodo (fitxategi) geratzen diren libre. Kokapen bat erabilgarri egoteari uzten badio, haren lanek huts egiten dute itzuli arte.

## Erabiltzaileak

role-admin = Administratzailea
role-operator = Operadorea
user-new = Erabiltzaile berria
user-new-title = Erabiltzaile berria
user-edit-title = «{ $name }» erabiltzailea
user-username = Erabiltzaile-izena
user-email = Helbide elektronikoa
user-role = Rola
user-active = Aktiboa (saioa has dezake)
user-active-yes = Aktiboa
user-protected = Lehen administratzailea da: ezin da ezabatu, mailaz jaitsi edo desaktibatu.
user-is-you = Ezin duzu zure kontua ezabatu.
user-password-reset = Jarri pasahitz berri bat
user-password-keep = Utzi bi eremuak hutsik oraingo pasahitza mantentzeko. Gutxienez 8 karaktere.
user-help-intro = Erabiltzaileek web aplikazio honetan eta APIan hasten dute saioa. Administratzaileek dena kudeatzen dute; operadoreek, beren jabetzako bezeroak bakarrik.
user-help-username = Saioa hasteko izena: letrak, zifrak, puntuak, marratxoak, azpimarrak eta @, gehienez 64 karaktere. Bakarra izan behar du.
user-help-email = Erabiltzaile honentzako abisuak nora bidaltzen diren (adibidez, bezero baten jabe gisa). Aukerakoa.
user-help-role = Administratzailea: bezero, lan, politika, script, kokapen, erabiltzaile eta ezarpen guztiak. Operadorea: bere jabetzako bezeroak eta haien lanak bakarrik; dauden scriptak lot ditzake, baina ezin ditu scriptak, kokapenak, erabiltzaileak edo ezarpenak kudeatu.
user-help-language = Web aplikazioaren eta erabiltzaile honentzako mezuen hizkuntza. Aukeratu gabe: bere aplikazioak saioa hasteko orriaren hizkuntza erakusten du (bere nabigatzailearena, edo han aukeratzen duena) bat aukeratu arte. Erabiltzaile bakoitzak alda dezake.
user-help-page-size = Zerrendek orri bakoitzean zenbat errenkada erakusten dituzten, 5etik 500era. Erabiltzaile bakoitzak alda dezake.
user-help-active = Erabiltzaile ez-aktiboek ezin dute saioa hasi, eta haien API tokenek funtzionatzeari uzten diote. Haien bezeroak gorde egiten dira.
user-help-password = Derrigorrezkoa erabiltzaile berri batentzat. Editatzean, bete pasahitz berri bat jarri nahi baduzu bakarrik (adibidez, erabiltzaileak berea ahaztu badu); erabiltzaile bakoitzak «Aldatu pasahitza» orrian aldatzen du berea.

## Ezarpenak

settings-mail = Posta-zerbitzaria
settings-mail-host = SMTP zerbitzaria
settings-mail-tls = Zifratzea
settings-tls-starttls = STARTTLS (normalean 587 ataka)
settings-tls-tls = TLS hasieratik (normalean 465 ataka)
settings-tls-none = Bat ere ez (makina edo sare honetako errele baterako bakarrik)
settings-mail-user = SMTP erabiltzailea
settings-mail-password = SMTP pasahitza
settings-mail-password-set = Pasahitz bat gordeta dago. Utzi hau hutsik mantentzeko.
settings-mail-password-unset = Ez dago pasahitzik gordeta.
settings-mail-password-forget = Ezabatu gordetako pasahitza
settings-mail-from = Bidaltzailearen helbidea
settings-instance-url = Zerbitzari honen helbidea
settings-log-retention = Gorde erregistroak (egunak)
settings-log-retention-hint = Hutsik badago, betiko gordetzen dira. Ikuskaritza-erregistroek beren muga dute.
settings-audit-retention = Gorde ikuskaritza-erregistroak (egunak)
settings-quota-warning = Kuotaren abisu-maila (%)
settings-post-after-fail = Exekutatu lan baten ondorengo scriptak aurreko script batek huts egin badu ere
settings-operators-restore = Operadoreek fitxategiak leheneratu ditzakete bezeroetan
settings-help-mail = Exekuzioen abisuak bidaltzen dituen SMTP zerbitzaria. Utzi zerbitzaria hutsik mezurik ez bidaltzeko.
settings-help-tls = Posta-zerbitzariarekiko konexioa nola babesten den. Erabili STARTTLS edo TLS zerbitzaria makina honetan ez dagoen guztietan.
settings-help-password = Idazteko bakarrik: ez da inoiz berriro erakusten. Utzi hutsik gordetakoa mantentzeko; markatu «Ezabatu gordetako pasahitza» autentifikaziorik gabe bidaltzeko.
settings-help-from = Abisuen From helbidea, adibidez elkarbackup@example.org.
settings-help-url = Web aplikazio honetara iristeko erabiltzen den helbidea, adibidez https://backup.example.org; mezu elektronikoetako esteketan erabiltzen da.
settings-help-retention = Egunean behin, zerbitzariak egun hauek baino zaharragoa dena ezabatzen du: erregistroak (ikuskaritzakoak izan ezik), dagoeneko bidalitako edo baztertutako jakinarazpenen historia eta amaitutako exekuzioen erregistro-fitxategiak. Ilaran edo martxan dauden exekuzioek beren fitxategiak gordetzen dituzte, eta zain dauden jakinarazpenak ere gordetzen dira. Zuzeneko eguneratzeen gertaerak egun batez gordetzen dira gehienez, edonola ere. Hutsik badago, dena betiko gordetzen da. Ezabaketa bera ere erregistratzen da, kendutakoarekin.
settings-help-audit-retention = Ikuskaritza-erregistroak (nork hasi duen saioa, zer aldatu edo deskargatu duen eta nondik) egun hauetan gordetzen dira, gainerako erregistroetatik bereiz, eta gero eguneroko ataza berak ezabatzen ditu. Berez 365; hutsik badago, betiko gordetzen dira.
settings-help-max-parallel = Zerbitzari osoan zenbat babeskopia exekuta daitezkeen aldi berean (1etik 100era). Bezeroek eta kokapenek beren mugak ere badituzte.
settings-help-quota-warning = Babeskopiek bere kuotaren ehuneko hau baino gehiago hartzen duten bezeroa gorriz erakusten da.
settings-help-post-after-fail = Lan baten aurreko script batek huts egiten duenean, lana ez da exekutatzen. Markatu hau haren ondorengo scriptak hala ere exekutatzeko (hutsegitea jasotzen dute), adibidez lehenengoak prestatutakoa garbitzeko.
settings-help-operators-restore = Administratzaileek beti leheneratu ditzakete fitxategiak bezeroetan. Kendu marka hau operadoreek kopietatik fitxategiak deskargatu besterik ezin dezaten.
settings-default-language = Beste helbideetarako mezuen hizkuntza
settings-digest-time = Eguneko laburpena ordu honetan
settings-digest-time-hint = Utzi hutsik laburpenik ez bidaltzeko.
settings-logs = Erregistroak
settings-metrics-addresses = /metrics irakur dezaketen helbideak
settings-metrics-addresses-hint = IP helbide edo sare bat lerro bakoitzeko, adibidez 10.0.0.0/8. Hutsik: administratzaileen API tokenak bakarrik.
settings-help-default-language = Erabiltzaileek beren hizkuntzan jasotzen dituzte mezuak; lan baten gainerako helbideek, hizkuntza honetan.
settings-help-digest = Egunero ordu honetan, administratzaileek mezu bat jasotzen dute azken eguneko hutsegite, abisu eta berandututako lanekin.
settings-help-metrics = Prometheusek administratzaile baten API tokenarekin irakurtzen du /metrics (Authorization: Bearer …), edo tokenik gabe helbide hauetatik.
settings-mail-test-to = Bidali proba-mezu bat helbide honetara
settings-mail-test-hint = Gordetako ezarpenak erabiltzen ditu: gorde lehenik zure aldaketak.
settings-mail-test-send = Bidali proba-mezua
settings-mail-test-sending = Bidaltzen…
settings-mail-test-sent = Posta-zerbitzariak mezua onartu du: { $reply }
settings-mail-test-failed = Mezua ez da bidali: { $error }
notifications-intro = Exekuzioei eta berandututako lanei buruzko mezu elektroniko eta webhook mezu guztiak, berrienak lehenik. Huts egindako bidalketak berriro saiatzen dira, aldi bakoitzean gehiago itxaronez.
notifications-all = Guztiak
notifications-all-jobs = Lan guztiak
notifications-empty = Oraindik ez dago jakinarazpenik.
notifications-col-time = Ilaran noiztik
notifications-col-event = Mezua
notifications-col-recipient = Hartzailea
notifications-col-status = Egoera
notifications-col-channel = Kanala
notifications-col-answer = Azken erantzuna
notifications-run = { $id }. exekuzioa
notifications-attempts = { $attempts } saiakera
notifications-next-attempt = hurrengo saiakera: { $time }
notification-status-pending = Zain
notification-status-sending = Bidaltzen
notification-status-sent = Bidalita
notification-status-failed = Huts egin du
notification-channel-email = Posta elektronikoa
notification-channel-webhook = Webhooka
notification-event-run-failed = Babeskopiak huts egin du
notification-event-run-warning = Babeskopia abisuekin
notification-event-run-ok = Babeskopia zuzena
notification-event-run-recovered = Babeskopiak berriro dabil
notification-event-job-late = Lana berandu
notification-event-job-on-time = Lana berriro garaiz
notification-event-digest = Eguneko laburpena
notification-event-test = Proba-mezua
view = Ikusi
policy-read-only = Administratzaileek bakarrik alda ditzakete politikak.

## Kontuko orrien laguntza

prefs-help-language = Web aplikazio honen eta zuretzako zerbitzariaren mezuen hizkuntza. Bat aukeratu arte, aplikazioak saioa hasteko orriaren hizkuntza erakusten du. Orri bakoitzaren goiko hautatzaileak ere aldatzen du.
prefs-help-page-size = Zerrendek orri bakoitzean zenbat errenkada erakusten dituzten, 5etik 500era; lanen zerrendan bezeroak zenbatzen dira. Orri handiek denbora gehiago behar dute marrazteko.
password-help-current = Zure oraingo pasahitza, zu zarela egiaztatzeko.
password-help-new = Gutxienez 12 karaktere; esaldi luze bat erraza da gogoratzeko eta zaila asmatzeko. Zerbitzariak kalkulatzen du zein erraz asma daitekeen (konexiorik gabe: ezin ditu filtratutako pasahitzen zerrendak begiratu).
password-help-repeat = Pasahitz berria berriro, idazteko akatsak harrapatzeko.
tokens-help-name = Tokena non erabiltzen den esaten duen izena, geroago zein baliogabetu jakiteko.
tokens-help-use-term = Token bat erabiltzea
tokens-help-use = Bidali /api/… helbideetarako eskaeren «Authorization: Bearer <token>» goiburuan; zure baimenekin jarduten du. Behin bakarrik erakusten da, sortzean.
tokens-help-revoke = Baliogabetzeak tokena berehala gelditzen du. Baliogabetu erabiltzen ez dituzun edo filtratu ahal izan diren tokenak.
more = Gehiago

## Runs, snapshots and client checks
run-started = Babeskopia hasi da; aurrerapena behean ikusten da.
run-already = Lan hau dagoeneko exekutatzen ari da edo ilaran dago.
jobs-run-none = Ez dago exekutatzeko ezer: ez da lan aktiborik aukeratu.
jobs-run-started = { $count ->
    [one] Babeskopia bat hasi da. Emaitza hemen agertuko da amaitzean.
   *[other] { $count } babeskopia hasi dira. Emaitzak hemen agertuko dira amaitzean.
}
runs-title = Exekuzioak
runs-empty = Lan hau ez da oraindik exekutatu.
job-chart-title = Historia
job-chart-intro = { $count ->
    [one] Amaitutako azken exekuzioa.
   *[other] Amaitutako azken { $count } exekuzioak, zaharrenetik berrienera.
}
job-chart-size = Argazkiaren tamaina
job-chart-new-bytes = Datu berriak
job-chart-duration = Iraupena
job-chart-files = Fitxategiak
job-chart-empty = Oraindik ez dago exekuziorik: lehen exekuzioa amaitzean agertuko dira grafikoak.
job-chart-table = Azken exekuzioen zifrak
job-chart-table-show = Ikusi zifra guztiak taula gisa
runs-col-started = Hasiera
runs-col-duration = Iraupena
runs-col-trigger = Nork abiarazia
runs-col-levels = Mailak
runs-col-result = Emaitza
runs-col-files = Fitxategiak
runs-col-job = Lana
run-job-name = «{ $client }» bezeroaren «{ $name }»
runs-log = Erregistroa
run-title = { $id }. exekuzioa
run-error = Arazoa
run-finished = Amaiera
run-files-detail = { $files } fitxategi, { $transferred } transferituak
run-bytes-detail = { $total } guztira, { $transferred } transferituak
run-download-log = Deskargatu erregistroa
run-log-title = Erregistroa
run-abort = Bertan behera utzi
run-abort-title = Babeskopia hau bertan behera utzi?
run-abort-body = rsync eta lanaren scriptak berehala gelditzen dira. Bertan behera utzitako exekuzio batek ez du ezer argitaratzen; aurreko argazkiak dauden bezala geratzen dira.
run-state-queued = Ilaran
run-state-waiting = Bezeroaren zain
run-state-pre-job = Aurreko scripta exekutatzen
run-state-running = Kopiatzen
run-state-post-job = Ondorengo scripta exekutatzen
run-state-aborting = Bertan behera uzten
run-state-finished = Amaituta
run-trigger-schedule = Programazioa
run-trigger-manual = Eskuz
run-trigger-token = Abiarazteko tokena
run-trigger-api = APIa
run-error-unreachable = Ezin izan da bezeroarekin konektatu (sarea, izena edo ataka, edo ssh ez dago martxan).
run-error-host-key-unverified = Bezeroaren ostalari-gakoa ez da oraindik onartu: alderatu hatz-marka bezeroaren orrian eta onartu.
run-error-host-key-mismatch = Bezeroaren ostalari-gakoa aldatu egin da onartu zenetik. Berrinstalatu egin dute agian, edo norbait haren itxura egiten ari da.
run-error-auth-refused = Bezeroak zerbitzariaren ssh gakoa ukatu du: instalatu bezeroaren authorized_keys fitxategian.
run-error-rsync-missing = rsync ez dago bezeroan instalatuta.
run-error-rsync-partial = Fitxategi batzuk ezin izan dira kopiatu (baimenak edo irakurketa-erroreak); ikusi erregistroa.
run-error-rsync-vanished-files = Fitxategi batzuk desagertu egin ziren kopiatzen ari zirela.
run-error-rsync-killed = rsync amaitu aurretik gelditu zen.
run-error-rsync-failed = rsync-ek huts egin du; ikusi erregistroa.
run-error-primary-unreachable = Zerbitzari nagusiak ez du erantzun (sare, TLS edo HTTP errorea); ikusi erregistroa.
run-error-primary-refused = Zerbitzari nagusiak errepliken tokena baztertu du: baliogabetu egin da edo ez da zuzena. Eskatu sarbide berri bat bere administratzaileari.
run-error-replica-mismatch = Argazkiaren kopia ez dator bat nagusiaren datuekin (fitxategiak, byteak); ez da argitaratu eta berriro kopiatuko da.
run-error-storage-error = Zerbitzariak ezin izan du babeskopia bere biltegian idatzi.
run-error-location-full = Babeskopien kokalekua beteta dago.
run-error-location-unavailable = Babeskopien kokalekua ez dago erabilgarri (muntatu gabe edo idazteko baimenik gabe).
run-error-pre-script-failed = Aurreko scriptak huts egin du, eta ez da babeskopia egin.
run-error-pre-script-timeout = Aurreko scriptak gehiegi iraun du eta gelditu egin da.
run-error-post-script-failed = Ondorengo scriptak huts egin du.
run-error-aborted = Exekuzioa bertan behera utzi da.
run-error-interrupted = Exekuzioa eten egin zen zerbitzaria gelditu zelako.
run-error-internal = Zerbitzariak barne-errore bat izan du; ikusi zerbitzariaren erregistroa.
run-error-job-deleted = Lana ezabatu egin zen exekuzioa hasi aurretik.
run-error-client-deleted = Bezeroa ezabatu egin zen exekuzioa hasi aurretik.
run-error-location-missing = Lanaren babeskopien kokalekua ez dago jada: aukeratu beste bat lanean.
run-error-policy-missing = Lanaren politika ez dago jada: aukeratu beste bat lanean.
run-error-invalid-configuration = Lanaren ezarpenekin ezin da rsync agindu zuzen bat osatu (egiaztatu jatorri-bidea eta ereduak).
run-error-rsync-not-started = Ezin izan da rsync abiarazi zerbitzarian.
run-error-post-script-timeout = Ondorengo scriptak gehiegi iraun du eta gelditu egin da.
run-error-client-pre-script-failed = Bezeroaren aurreko scriptak huts egin du, eta ez da ilaran zeuden haren lanetako bat ere exekutatu.
run-error-client-pre-script-timeout = Bezeroaren aurreko scriptak gehiegi iraun du eta gelditu egin da; ilaran zeuden haren lanak ez dira exekutatu.
run-error-client-post-script-failed = Bezeroaren ondorengo scriptak huts egin du.
run-error-client-post-script-timeout = Bezeroaren ondorengo scriptak gehiegi iraun du eta gelditu egin da.
run-error-snapshot-missing = Leheneratu nahi zen argazkia ez dago jada (baliteke atxikipenak ezabatu izana).
run-error-restore-source-missing = Leheneratu nahi zen bidea ez dago argazkian.
run-error-invalid-path = Leheneratu nahi zen bidea ez da baliozkoa.
run-error-restore-unsupported = Bezero honek ezin du leheneratzerik jaso (rsync deabrua duten bezeroek ezin dute).
run-error-preview-timeout = Aldaketak kalkulatzeak gehiegi iraun du.
run-error-rsync-max-delete = rsync-ek fitxategiak ezabatzeari utzi zion bere mugara iristean; ezabaketa batzuk ez dira egin.
run-error-rsync-partial-nothing-transferred = Ezin izan da fitxategirik kopiatu (baimenak edo irakurketa-erroreak); ikusi erregistroa.
run-error-rsync-syntax = rsync-ek bere agindu-lerroa baztertu du (egiaztatu lanaren ereduak eta jatorri-bidea); ikusi erregistroa.
run-error-rsync-protocol-incompatible = Bezeroko rsync zaharregia da edo ez da zerbitzarikoarekin bateragarria.
run-error-rsync-file-selection = Jatorri-bidea ez dago bezeroan, edo ereduek ez dute ezer hautatzen.
run-error-rsync-unsupported = Bezeroko rsync-ek ez du onartzen babeskopiak behar duen aukera bat (adibidez ACLak edo atributu hedatuak).
run-error-rsync-start-failed = rsync-ek ezin izan du bezeroan abiatu.
run-error-rsync-socket-io = Bezeroarekiko konexioa eten egin zen transferentzian.
run-error-rsync-protocol-stream = Bezeroaren datu-jarioa eten egin zen (konexioa itxi da, edo bezeroaren saio-hasierak testua idazten du).
run-error-rsync-interrupted = rsync eten egin zen amaitu aurretik.
run-error-rsync-timeout = Ez da daturik mugitu denbora luzegian: bezeroak edo sareak erantzuteari utzi zioten.
run-error-rsync-daemon-timeout = Bezeroaren rsync deabruak ez du garaiz erantzun.
run-error-daemon-auth-failed = Bezeroaren rsync deabruak saio-hasiera ukatu du: egiaztatu deabruaren erabiltzailea eta pasahitza bezeroaren ezarpenetan.
run-error-remote-shell-failed = Bezeroko urruneko shell-ak huts egin du (ezin izan da han rsync edo shell-a exekutatu).
snapshots-title = Argazkiak
snapshots-empty = Lan honek ez du oraindik argazkirik.
snapshots-col-time = Noiz
snapshots-col-new = Datu berriak
snapshots-col-warnings = Abisuak
client-host-title = Ostalari-gakoa eta konexioa
client-test = Probatu konexioa
client-testing = Probatzen…
client-test-ok = Konexioak funtzionatzen du: zerbitzaria sartu da eta rsync aurkitu du.
client-test-ok-version = Konexioak funtzionatzen du: zerbitzaria sartu da eta { $version } aurkitu du.
client-test-rsync-unfixed = rsync hau 3.4.0 baino zaharragoa da; 3.4.0 da 2025eko urtarrilean argitaratutako ahultasunen zuzenketak (CVE-2024-12084tik CVE-2024-12088ra) dituen jatorrizko lehen bertsioa. Banaketek bertsio zaharragoak ere zuzentzen dituzte (adibidez, Debian 12ko 3.2.7-1+deb12u2): begiratu bezeroaren segurtasun-oharrak, eta eguneratu haren rsync paketea bertan zuzenduta ez badago.
client-test-failed = Konexioak ez du funtzionatzen. { $reason }
client-host-accept = Onartu gako hau
client-host-accept-title = Bezeroaren ostalari-gakoa onartu?
client-host-accept-body = Ziurtatu benetan zure bezeroa dela: exekutatu bertan beheko agindua eta egiaztatu hatz-marka bera erakusten duela. Hemendik aurrera konexioek beste edozein gako ukatuko dute.

## Egoera: ilara zuzeneko aurrerapenarekin, eta bezeroen egoera
queue-title = Ilara
queue-empty = Ez dago ezer ilaran edo exekutatzen.
queue-col-client = Bezeroa
queue-col-state = Egoera
queue-col-progress = Aurrerapena
queue-col-rate = Abiadura
queue-col-eta = Falta den denbora
queue-col-file = Uneko fitxategia
queue-col-elapsed = Martxan zenbat denboraz
queue-rate = { $size }/s
queue-progress-files = { $total } fitxategitik { $done }, { $size }
queue-progress-bytes = { $size } kopiatuta
queue-progress-starting = Hasten…
queue-abort-label = Utzi bertan behera { $client } / { $job } babeskopia
queue-abort-which = { $client } / { $job }
live-on = Zuzenean: orri hau bere kabuz eguneratzen da.
live-off = Berriro konektatzen… Zerrendak eguneratu egingo dira konexioa itzultzean.
client-states-title = Bezeroak
client-states-empty = Ez dago bezero lanpeturik.
client-states-col-runs = Amaitu gabeko exekuzioak
client-states-col-since = Noiztik
client-state-idle = Geldirik
client-state-queued = Ilaran
client-state-pre-client = Bezeroaren aurreko scripta exekutatzen
client-state-running = Babeskopiak egiten
client-state-post-client = Bezeroaren ondorengo scripta exekutatzen
client-state-error = Huts egin du
client-error-pre-script-failed = Bezeroaren aurreko scriptak huts egin du, eta haren lanak ez dira exekutatu.
client-error-pre-script-timeout = Bezeroaren aurreko scriptak gehiegi iraun du eta gelditu egin da; haren lanak ez dira exekutatu.
client-error-post-script-failed = Bezeroaren ondorengo scriptak huts egin du.

## Snapshot browser and restore
close = Itxi
snapshots-browse = Arakatu
browse-title = { $snapshot } argazkia
browse-root-pending = { $id }. argazkia
browse-crumbs = Kokapena argazkian
browse-download-here = Karpeta hau:
browse-restore-here = Leheneratu karpeta hau…
browse-search = Bilatu izenak karpeta honetan
browse-keys = Teklak: ↑ ↓ errenkada bat aukeratu, Sartu karpeta bat ireki edo fitxategi bat deskargatu, Atzera maila bat gora.
browse-truncated = Bilaketa amaitu aurretik gelditu da: erakutsitakoak baino bat-etortze gehiago daude. Bilatu karpeta txikiago batean.
browse-no-hits = Ez dago bilaketarekin bat datorren izenik.
browse-empty = Karpeta hau hutsik dago.
browse-col-mtime = Aldatua
browse-col-mode = Baimenak
browse-versions = Bertsioak
browse-restore = Leheneratu…
browse-download-tar-title = Deskargatu karpeta .tar.gz artxibo gisa
browse-download-zip-title = Deskargatu karpeta .zip artxibo gisa
entry-kind-file = Fitxategia
entry-kind-dir = Karpeta
entry-kind-symlink = Esteka sinbolikoa
entry-kind-fifo = Hodi izenduna
entry-kind-socket = Socketa
entry-kind-char-device = Karaktere-gailua
entry-kind-block-device = Bloke-gailua
versions-title = { $name }(r)en bertsioak
versions-unchanged = aldatu gabe
versions-unchanged-title = Beheko argazki zaharragoko fitxategi bera
versions-this = argazki hau
restore-title = Leheneratu { $name }
restore-everything = argazki osoa
restore-client = Leheneratu bezero honetan
restore-target = Karpeta bezeroan
restore-target-placeholder = Jatorrizko kokapena
restore-target-help = Utzi hutsik kopiatu zen tokian leheneratzeko ({ $source } barruan).
restore-mode = Nola
restore-mode-new = Karpeta berri batean, restore-<ordua>, haren barruan (ez da ezer ukitzen)
restore-mode-overwrite = Gainidatzi jatorrizkoa
restore-overwrite-warning = Bezeroan izen bera duten fitxategiak argazkikoekin ordezkatzen dira.
restore-delete = Ezabatu babeskopian ez dauden fitxategiak
restore-delete-help = Leheneratutako karpetan argazkian ez dauden fitxategiak bezerotik ezabatzen dira.
restore-preview = Ikusi aldaketak
restore-preview-title = Zer aldatuko litzatekeen
restore-destination = Helburua:
restore-counts = { $creates } sortzeko, { $overwrites } gainidazteko, { $attributes } beste atributu batzuekin, { $deletes } ezabatzeko.
restore-no-changes = Ez litzateke ezer aldatuko.
restore-truncated = Lehen aldaketak baino ez dira erakusten.
restore-rewritten-permissions = Argazki hau baimenak berridatzita egin zen: leheneratutako fitxategiek ez dituzte jatorrizko baimenak berreskuratuko, eta fitxategi pribatuak edonork irakur ditzake.
restore-change-create = Sortu
restore-change-overwrite = Gainidatzi
restore-change-attributes = Atributuak
restore-change-delete = Ezabatu
restore-submit = Leheneratu
restore-queued = { $destination } helburura leheneratzea hasi da.
restore-run-link = Jarraitu bere exekuzio-orrian
restore-error-forbidden = Ezin duzu bezero honetan leheneratu.
run-kind = Leheneratzea
run-kind-restore = Leheneratzea
run-kind-replicate = Erreplikazioa
run-kind-label = Mota
run-restore-detail = { $path } hona leheneratua: { $destination }.
run-restore-snapshot = Ireki argazkia

# The Logs page.
logs-col-time = Ordua
logs-col-level = Maila
logs-col-source = Jatorria
logs-col-what = Zer gertatu den
logs-col-client = Bezeroa
logs-col-job = Lana
logs-col-run = Exekuzioa
logs-col-user = Erabiltzailea
logs-all-levels = Maila guztiak
logs-level-warning-error = Abisuak eta erroreak
logs-all-sources = Jatorri guztiak
logs-all-clients = Bezero guztiak
logs-all-jobs = Lan guztiak
logs-from = Noiztik (eguna)
logs-to = Noiz arte (eguna)
logs-live = Zuzenean
logs-export = Esportatu CSV
logs-clear = Kendu iragazkiak
logs-only-run = { $id }. exekuzioa soilik
logs-only-user = { $id }. erabiltzailea soilik
logs-search = Bilatu kodeetan eta xehetasunetan
logs-empty = Oraindik ez dago erregistrorik.
logs-no-match = Ez dago iragazki hauekin bat datorren erregistrorik.
# $address is the network address a request came from.
log-from-address = Helbidea: { $address }
log-level-info = Informazioa
log-level-warning = Abisua
log-level-error = Errorea
log-source-api = Weba eta APIa
log-source-run = Exekuzioak
log-source-scheduler = Programatzailea
log-source-dispatcher = Banatzailea
log-source-audit = Auditoria
log-source-notification = Jakinarazpenak
log-source-system = Sistema
log-source-replication = Erreplikazioa
log-code-run-queued = Exekuzioa ilaran
log-code-run-state = Exekuzioak egoeraz aldatu du
log-code-run-finished = Exekuzioa amaituta
log-code-run-abort = Bertan behera uztea eskatuta
log-code-run-recovered = Etendako exekuzioa berreskuratuta
log-code-catch-up = Galdutako exekuzioak berreskuratuta
log-code-missed-skipped = Galdutako exekuzioak saltatuta
log-code-schedule-due = Programatutako exekuzioak ilaran
log-code-download = Deskarga
log-code-restore-preview-failed = Leheneratzearen aurrebistak huts egin du
log-code-login = Saioa hasita
log-code-login-failed = Saio-hasiera okerra
log-code-logout = Saioa itxita
log-code-created = Sortuta
log-code-updated = Aldatuta
log-code-deleted = Ezabatuta
log-code-run-aborted = Exekuzioa bertan behera utzita
log-code-restore-requested = Leheneratzea eskatuta
log-code-token-created = Tokena sortuta
log-code-token-revoked = Tokena baliogabetuta
log-code-password-changed = Pasahitza aldatuta
log-code-settings-changed = Ezarpenak aldatuta
log-code-host-key-accepted = Ostalari-gakoa onartuta
log-code-retention = Erregistro zaharrak ezabatuta
log-code-notification-failed = Jakinarazpena ez da entregatu
log-code-job-late = Lana berandu
log-code-job-on-time = Lana berriro garaiz
log-code-trigger-token-created = Abiarazte-tokena sortuta
log-code-trigger-token-revoked = Abiarazte-tokena baliogabetuta
log-code-key-regenerated = Bezeroaren gako-bikotea berriro sortuta
log-code-snapshot-pruned-before-copy = Argazkia zerbitzari nagusian ezabatu da kopiatu aurretik
log-code-catalog-dump-failed = Ezin izan da katalogoaren iraulketa kokaleku batean idatzi
log-code-catalog-dump-refused = Kokaleku batek beste zerbitzari baten katalogo-iraulketak ditu: ez dira ukitzen
log-code-replication-window-closed = Transferentzia-leihoa itxita: gainerakoak hurrengo erreplikazioaren zain
log-code-replication-synced = Erreplikazio-jatorria sinkronizatuta
log-code-replication-job-skipped = Zerbitzari nagusiko lana erreplikaziotik kanpo utzi da
log-code-replication-sync-failed = Erreplikazio-jatorriaren sinkronizazioak huts egin du
log-code-taken-over = Bezero kopiatua bereganatuta: orain zerbitzari honek egiten dio babeskopia
log-kind-client = bezeroa
log-kind-job = lana
log-kind-policy = politika
log-kind-script = scripta
log-kind-location = babeskopien kokapena
log-kind-user = erabiltzailea
log-kind-settings = ezarpenak
log-kind-token = tokena
log-kind-snapshot = argazkia
log-kind-run = exekuzioa
log-kind-webhook = webhooka
log-kind-replication-access = Erreplikazio-sarbidea
log-kind-replication = Erreplikazio-iturburua

## Webhooks
nav-webhooks = Webhookak
notifications-webhooks-link = Bidali jakinarazpen hauek ntfy-ra, Gotify-ra edo edozein HTTP helbidetara ere: webhookak
webhooks-intro = Babeskopia batek huts egiten duenean, abisuekin amaitzen denean, ondo ateratzen denean edo berriro dabilenean, eta lan bat atzeratzen denean edo berriro garaiz dagoenean JSON mezu bat jasotzen duten helbideak.
webhooks-empty = Oraindik ez dago webhookik.
webhook-new = Webhook berria
webhook-new-title = Webhook berria
webhook-edit-title = «{ $name }» webhooka
webhook-name = Izena
webhook-url = URLa
webhook-url-hint = http:// edo https:// helbide bat, adib. https://ntfy.example.org/backups
webhook-events = Gertaerak
webhook-event-help-run-failed = Babeskopia edo leheneratze batek huts egiten duenean edo eteten denean bidaltzen da.
webhook-event-help-run-warning = Babeskopia bat abisuekin amaitzen denean bidaltzen da (fitxategi batzuk ezin izan dira kopiatu).
webhook-event-help-run-ok = Babeskopia on bakoitzaren ondoren bidaltzen da.
webhook-event-help-run-recovered = Lan bat huts egin ondoren berriro ondo ateratzen denean bidaltzen da.
webhook-event-help-job-late = Lan batek aurreikusitako exekuzioa eta tartea igarota babeskopia onik ez duenean bidaltzen da.
webhook-event-help-job-on-time = Atzeratutako lan batek berriro babeskopia on bat duenean bidaltzen da.
webhook-secret = Sekretua
webhook-secret-set = Sekretuarekin
webhook-secret-stored = Sekretu bat gordeta dago. Utzi hutsik mantentzeko.
webhook-secret-unset = Ez dago sekreturik gordeta: mezuak ez dira sinatzen.
webhook-secret-forget = Kendu gordetako sekretua
webhook-active-label = Aktibo (nahi dituen gertaerak bidaltzen zaizkio)
webhook-enabled = Aktibo
webhook-help-intro = Webhook batek HTTP POST bat jasotzen du nahi duen gertaera bakoitzeko; huts egiten badu, geroago saiatzen da berriro.
webhook-help-url = Mezuak non bidaltzen diren. POST bat onartzen duen edozein HTTP zerbitzuk balio du.
webhook-help-events = Helbide honetara mezua bidaltzen duten gertaerak. Lan bakoitzaren jakinarazpen-ezarpenak erabakitzen du zein exekuziok jakinarazten duten.
webhook-help-body-term = Mezuaren gorputza
webhook-help-body = JSON objektu bat (Content-Type: application/json) "event" eremuarekin (run_failed, run_warning, run_ok, run_recovered, job_late, job_on_time edo test) eta, dagokionean, "client", "job", "run_id", "kind", "result", "error_code", "started_at", "finished_at", "files", "bytes", "new_bytes", "url", "job_id" eta "late_since" eremuekin.
webhook-help-secret = Sekretu batekin, mezu bakoitzak X-ElkarBackup-Signature: sha256=<hex> goiburua darama, gorputz zehatzaren HMAC-SHA256 laburpena sekretua gakotzat hartuta. Egiaztatu hartzailean mezua guk bidalia dela jakiteko. Gorde ondoren sekretua ez da berriro erakusten.
webhook-help-services-term = ntfy, Gotify eta beste batzuk
webhook-help-services = ntfy: erabili gaiaren helbidea, adib. https://ntfy.example.org/backups. Gotify: https://gotify.example.org/message?token=<aplikazioaren tokena>. JSON POST bat onartzen duen beste edozein HTTP zerbitzuk ere balio du.
webhook-help-test = Proba-mezu bat ("test" gertaera) bidaltzen du gordetako helbidera gordetako sekretuarekin, eta zerbitzariak erantzundakoa erakusten du. Gorde aldaketak lehenago.
webhook-test-title = Proba
webhook-test-hint = Gordetako helbidea eta sekretua erabiltzen ditu: gorde aldaketak lehenago.
webhook-test-send = Bidali proba bat
webhook-test-sending = Bidaltzen…
webhook-test-sent = Webhookak mezua onartu du: { $reply }
webhook-test-failed = Mezua ez da entregatu: { $error }
delete-webhook-title = «{ $name }» webhooka ezabatu?
delete-webhook-body = Webhookak mezuak jasotzeari uzten dio, eta haren mezuak jakinarazpenen historiatik ezabatzen dira.

## Replication
nav-replications = Erreplikazio-iturburuak
nav-replication-accesses = Erreplikazio-sarbideak
open = Ireki
copy-of = { $primary }(r)en kopia
copy-read-only = { $primary }(e)tik kopiatua: hemen ezin da aldatu ez exekutatu. Bere argazkiak arakatu, deskargatu eta leheneratu daitezke.
copy-source-link = «{ $name }» erreplikazio-iturburua
copy-no-run = Kopia bati ez zaio hemen babeskopiarik egiten: erreplikazioak bere zerbitzari nagusitik kopiatzen du.
take-over = Bereganatu
take-over-title = Bezero hau bereganatu?
take-over-body = Bezeroa zerbitzari honen bezero arrunt bihurtzen da: babeskopiak hemen jarraitzen dute, orain arte kopiatutako historiari lotuta, eta erreplikazioak ez du gehiago kopiatzen.
take-over-keys = Ondoren instalatu zerbitzari honen gako publikoa (orri honetan agertuko da, kopiatzeko botoiarekin) bezeroaren authorized_keys fitxategian, eta onartu bezeroaren ostalari-gakoa «Probatu konexioa» erabiliz.
take-over-warning = Egin hau zerbitzari nagusia galdu edo erretiratu denean bakarrik. Bestela, bi zerbitzariek egingo diote babeskopia bezeroari.
take-over-done = Bereganatuta. Instalatu beheko gakoa bezeroan, probatu konexioa eta onartu bere ostalari-gakoa.
replication-accesses-intro = Zerbitzari honen babeskopiak kopia ditzaketen erreplikak: bakoitzak irakurtzeko soilik den token bat du katalogorako, eta babeskopiak irakurri baino egin ezin duen ssh gako bat.
replication-access-new = Erreplikazio-sarbide berria
replication-accesses-empty = Oraindik ez dago zerbitzari hau kopia dezakeen erreplikarik.
replication-access-used = Erabilera
replication-access-anywhere = edozein helbide
replication-access-never-used = Inoiz erabili gabea
replication-access-from-label = Nondik
replication-access-revoked-at = Baliogabetua: { $when }
replication-access-created = Sortua: { $when }
replication-access-revoke = Baliogabetu
replication-access-revoke-title = «{ $name }»(r)en sarbidea baliogabetu?
replication-access-revoke-body = Tokenak eta ssh gakoak berehala uzten diote funtzionatzeari: erreplikak ez du zerbitzari honetatik gehiago kopiatzen. Dagoeneko kopiatu dituen argazki guztiak gordetzen ditu.
replication-access-revoked = Sarbidea baliogabetu da.
replication-access-name-hint = Erreplikarentzako izen bat, adibidez backup2.example.org.
replication-access-key = Erreplikaren gako publikoa
replication-access-key-hint = Itsatsi erreplikako iturburuaren orrian agertzen den gakoa (ssh-ed25519 AAAA… edo ssh-rsa AAAA…).
replication-access-from = Jatorrizko helbidea
replication-access-from-hint = Aukerakoa: helbide edo sare honetatik bakarrik, adibidez 192.0.2.7 edo 192.0.2.0/24. Hutsik: edozein lekutatik.
replication-access-create = Sortu sarbidea
replication-access-created-note = Sarbidea sortu da. Eman erreplikaren administratzaileari beheko tokena eta ssh helburua.
replication-access-ssh-title = Erreplikarentzat
replication-access-endpoint = SSH helburua (erabiltzailea@ostalaria:ataka)
replication-access-endpoint-hint = Erreplikako iturburuaren formularioak ostalari, ataka eta erabiltzaile hau eskatzen ditu.
replication-access-line = Instalatutako authorized_keys lerroa
replication-access-line-hint = Zerbitzariak kudeatzen duen authorized_keys fitxategian idatzi du lerro hau: gakoak babeskopiak irakurri baino ezin ditu egin, rrsync bidez.
replication-access-help-intro = Erreplika batek zerbitzari honen babeskopiak ekartzen ditu: katalogoa tokenarekin eskatzen du eta argazkiak rsync bidez kopiatzen ditu ssh gainetik. Zerbitzari honek ez du inoiz erreplikaren kredentzialik gordetzen.
replication-access-help-key = Erreplikak bere gako publikoa erakusten du bere erreplikazio-iturburuaren orrian. restrict eta command="rrsync -ro …" aukerekin instalatzen da: irakurtzeko soilik, shellik eta birbideratzerik gabe.
replication-access-help-from = sshd-k helbide edo sare honetatik bakarrik onartuko du gakoa.
replication-access-help-paste-term = Zer itsatsi erreplikan
replication-access-help-paste = Erreplikako iturburuaren formularioan: zerbitzari honen helbidea URL gisa, tokena (behin bakarrik erakusten da), eta helburuaren ssh ostalaria, ataka eta erabiltzailea.
replication-access-help-sshd-term = sshd konfiguratzea
replication-access-help-sshd = sshd-k zerbitzuaren erabiltzailearentzat kudeatutako fitxategia irakurri behar du, adibidez «Match User elkarbackup» eta «AuthorizedKeysFile» zerbitzariak bere datu-direktorioan kudeatzen duen authorized_keys fitxategira seinalatuz. rrsync Debianen rsync paketearekin dator (/usr/bin/rrsync).
replication-access-help-revoke = Baliogabetzeak tokena eta gakoa berehala geldiarazten ditu; erreplikak kopiatu duena gordetzen du.
replications-intro = Zerbitzari honek kopiatzen dituen zerbitzari nagusiak: haien argazkiak ssh bidez ekartzen ditu eta haien historia propioa gordetzen du.
replication-new = Erreplikazio-iturburu berria
replications-empty = Zerbitzari honek oraindik ez du beste zerbitzaririk kopiatzen.
replication-last-sync = Azken sinkronizazioa
replication-access-last-used = Azken erabilera: { $when }
replication-last-sync-at = Azken sinkronizazioa: { $when }
replication-error-host-key-pending = Zerbitzari nagusiaren ostalari-gakoa onartzeko zain dago.
replication-error-host-key-mismatch = Zerbitzari nagusiaren ostalari-gakoa aldatu egin da: ez dator bat onartutakoarekin.
replication-last-error-label = Azken errorea:
replication-never-synced = Inoiz sinkronizatu gabea
replication-clients-count = { $count ->
    [one] bezero kopiatu bat
   *[other] { $count } bezero kopiatu
}
replication-edit-title = «{ $name }» erreplikazio-iturburua
replication-key-title = Erreplika hau
replication-public-key = Erreplika honen gako publikoa iturburu honetarako
replication-public-key-hint = Eman hau zerbitzari nagusiaren administratzaileari (Erreplikazio-sarbideak → Berria).
replication-copied-clients = Bezero kopiatuak
replication-no-clients = Oraindik ez da bezerorik kopiatu.
replication-key-badge-unknown = Ostalari-gakoa ikusi gabe
replication-key-badge-pending = Ostalari-gakoa onartzeko
replication-key-badge-accepted = Ostalari-gakoa onartua
replication-host-key-label = Zerbitzari nagusiaren ostalari-gakoa:
replication-host-key-unknown-hint = Sakatu «Erreplikatu orain» ikusteko, eta gero onartu hemen.
replication-host-accept-title = Zerbitzari nagusiaren ostalari-gakoa onartu?
replication-host-accept-body = Ziurtatu benetan zerbitzari nagusia dela: exekutatu bertan beheko komandoa eta egiaztatu hatz-marka bera erakusten duela. Hemendik aurrera konexioek beste edozein gako baztertuko dute.
replication-run = Erreplikatu orain
replication-run-queued = { $runs ->
    [one] Exekuzio bat ilaran
   *[other] { $runs } exekuzio ilaran
}, { $clients ->
    [one] bezero kopiatu batentzat.
   *[other] { $clients } bezero kopiaturentzat.
}
replication-run-status-link = Ikusi Egoera orrian
replication-delete-title = «{ $name }» erreplikazio-iturburua ezabatu?
replication-delete-body = Zerbitzari honek ez du zerbitzari nagusitik gehiago kopiatzen. Bezero kopiatuak eta haien argazkiak gordetzen dira: bereganatu edo ezabatu banan-banan.
replication-choose = (aukeratu)
replication-token-stored = Token bat gordeta dago. Utzi hutsik mantentzeko.
replication-token-unset = Itsatsi zerbitzari nagusiak bere sarbidea sortzean erakutsi zuen tokena.
replication-group-primary = Zerbitzari nagusia
replication-name-hint = Bezero kopiatuetan «<izena>(r)en kopia» gisa agertzen da.
replication-url = Zerbitzari nagusiaren URLa
replication-token = Tokena
replication-group-ssh = SSH
replication-ssh-host = Ostalaria
replication-ssh-port = Ataka
replication-ssh-user = Erabiltzailea
replication-group-what = Zer
replication-all-clients = Zerbitzari nagusiaren bezero guztiak
replication-client-ids = Zerbitzari nagusiko bezeroen IDak
replication-client-ids-hint = Bezeroen IDak zerbitzari nagusian, komaz bereizita.
replication-group-when = Noiz
replication-policy = Politika
replication-policy-hint = Erreplikazioa bere orduetan exekutatzen da, eta «politika propioa» atxikipenarekin bere mailek erabakitzen dute zer gorde.
replication-interval = Maiztasuna (minutuak)
replication-interval-hint = 5etik 10080ra. Hutsik: politikaren orduetan.
replication-window-start = Kopiatu noiztik
replication-window-end = Kopiatu noiz arte
replication-window-hint = Aukerakoa: tokiko ordu hauen artean bakarrik kopiatu (biak edo bat ere ez); adibidez 22:00etik 06:00ra.
replication-group-bandwidth = Banda-zabalera
replication-bwlimit = Muga (KiB/s)
replication-bwlimit-hint = Hutsik: mugarik gabe.
replication-active = Aktibo (kopiatu goiko orduetan)
replication-locations = Kokapenak
replication-locations-hint = Zerbitzari nagusiaren babeskopia-kokapen bakoitza (hango IDaren bidez) eta bere argazkiak jasotzen dituen tokiko kokapena.
replication-map-primary = Zerbitzari nagusiko kokapenaren IDa ({ $n }. errenkada)
replication-map-local = Tokiko kokapena ({ $n }. errenkada)
replication-map-remove = Kendu
replication-map-add = Gehitu kokapen bat
replication-group-retention = Atxikipena
replication-retention-mirror = Zerbitzari nagusiaren isla
replication-retention-mirror-help = Zerbitzari nagusiak gordetzen duena gordetzen du. Zerbitzari nagusiak jada ez duen argazki bat hemen ezabatzen da soilik «Ezabatu desagertutako argazkiak» aktibatuta badago, grazia-egunen ondoren.
replication-retention-policy = Politika propioa
replication-retention-policy-help = Goiko politikaren mailak eta kopuruak, hemen zenbatuta: zerbitzari honek zerbitzari nagusiak baino historia luzeagoa gorde dezake.
replication-min-age = Gutxieneko adina (egunak)
replication-min-age-hint = Hau baino berriagoa den argazki kopiaturik ez da inoiz ezabatzen, modua edozein dela ere: argazki berrien uholde batek ezin du historia kanporatu.
replication-delete-vanished = Ezabatu desagertutako argazkiak
replication-delete-vanished-warning = Kontuz: honek erreplika honetako datuak ezabatzen ditu zerbitzari nagusitik desagertzen direnean. Zerbitzari nagusia arriskuan badago, bere ezabaketak hona ere iristen dira. Lehenespenez desaktibatuta.
replication-grace = Grazia (egunak)
replication-max-deletions = Exekuzio bakoitzeko gehienezko ezabaketak
replication-max-deletions-hint = Exekuzio batek ez du inoiz hainbeste argazki baino gehiago ezabatzen.
replication-help-intro = Erreplikak ekartzen du: zerbitzari nagusiaren katalogoa irakurtzeko soilik den token batekin irakurtzen du eta argazkiak ssh bidez kopiatzen ditu, zaharrenetik hasita. Zerbitzari nagusiak ez du inoiz erreplikaren kredentzialik gordetzen.
replication-help-safety-term = Zergatik den segurua
replication-help-safety = Zerbitzari nagusiko ransomware edo erasotzaile batek ezin du erreplikara iritsi, beraz ezin du erreplikaren historia ezabatu. Utzi «Ezabatu desagertutako argazkiak» desaktibatuta babes hori mantentzeko.
replication-help-token = Zerbitzari nagusiak behin bakarrik erakusten du, bere administratzaileak erreplikazio-sarbidea sortzen duenean. Hemen gordetzen da eta ez da berriro erakusten.
replication-help-ssh = Zerbitzari nagusiko sarbideak erakusten duen helburua (erabiltzailea@ostalaria:ataka). Bere ostalari-gakoa lehen konexioan erregistratzen da eta hemen onartu behar da.
replication-help-locations = Zein tokiko kokapenek jasotzen dituen zerbitzari nagusiko kokapen bakoitzaren argazkiak. Zerbitzari nagusiko kokapenen IDak bere katalogoan agertzen dira.
replication-help-when = Politikaren orduak, edo hainbat minuturo; leihoak kopiatzea ordu batzuetara mugatzen du, adibidez gauera.
replication-help-bwlimit = rsync-en --bwlimit, KiB segundoko.
replication-help-vanished = Desaktibatuta: zerbitzari nagusiak ezabatutako argazkiak hemen gordetzen dira zerbitzari honen atxikipen propioak kendu arte. Aktibatuta: grazia-egunen ondoren ezabatzen dira, exekuzio bakoitzeko gehienezkoa gainditu gabe.

## Charts (components/chart): tooltips, the table view, gauges

# A point's tooltip: its date (or run number) and its value.
chart-point = { $x }: { $value }
# What a screen reader hears for a chart.
chart-summary = { $label }: { $count ->
    [one] balio bat
   *[other] { $count } balio
}, azkena { $last } ({ $when })
chart-summary-empty = { $label }: oraindik ez dago daturik
chart-no-data = Oraindik ez dago daturik
chart-table-show = Ikusi taula gisa
chart-col-date = Data
chart-col-value = Balioa
chart-col-result = Emaitza
chart-gauge = { $used } erabilita, guztira { $total } (% { $percent })
chart-gauge-unknown = { $used } erabilita, guztirakoa ezezaguna

## Dashboard (pages/dashboard): job health, running and next runs, storage

nav-dashboard = Aginte-panela
dashboard-title = Aginte-panela
dashboard-board-title = Lanen egoera
dashboard-counts = Lanak egoeraren arabera
dashboard-total = { $count ->
    [one] Lan bat guztira
   *[other] { $count } lan guztira
}
health-ok = Ondo
health-warning = Abisuekin
health-failed = Huts egin du
health-late = Berandu
health-running = Exekutatzen
health-never-ran = Inoiz ez da exekutatu
health-inactive = Inaktibo
# $when is a relative time: "5 minutes ago".
dashboard-last-success = Azken babeskopia ona: { $when }
dashboard-never-succeeded = Oraindik ez dago babeskopia onik
# $when is a date and time.
dashboard-late-since = Berandu, noiztik: { $when }
# Read out for a tile's strip of runs.
dashboard-strip = Azken { $days } egunak: { $count ->
    [one] exekuzio bat
   *[other] { $count } exekuzio
}, { $failed } hutsegite
dashboard-empty = Oraindik ez dago lanik.
dashboard-empty-add = Gehitu bezero bat
dashboard-filter-empty = Ez dago egoera honetan dagoen lanik.
dashboard-filter-clear = Erakutsi lan guztiak
dashboard-running-title = Orain exekutatzen
dashboard-running-empty = Ez da ezer exekutatzen ari.
dashboard-waiting = { $count ->
    [one] Beste exekuzio bat zain dago ilaran.
   *[other] Beste { $count } exekuzio zain daude ilaran.
}
dashboard-queue-link = Ikusi ilara
dashboard-next-title = Programatutako hurrengo exekuzioak
dashboard-next-empty = Ez dago exekuziorik programatuta.
dashboard-storage-title = Biltegiratzea
dashboard-storage-empty = Oraindik ez dago babeskopien kokapenik.
dashboard-location-offline = Ezin da kokapenera iritsi: bere zifrak ez dira ezagutzen.
dashboard-space = Lekua
dashboard-inodes = Inodoak
dashboard-used-chart = { $location }: erabilitako lekua
dashboard-total-line = Guztira: { $size }
# $date is a date: "December 6, 2026".
dashboard-forecast-full = { $date } inguruan beteko da
dashboard-forecast-growth = egunean { $size } hazten da
dashboard-forecast-not-growing = Ez da hazten ari
dashboard-forecast-not-enough = Oraindik ez dago datu nahikorik ({ $days ->
    [one] egun bateko
   *[other] { $days } egunetako
} laginak, { $needed } behar dira)

## Sessions
nav-sessions = Saioak
sessions-intro = Zure kontuarekin saioa hasita duten nabigatzaile guztiak. Amaitu ezagutzen ez dituzun saioak: berehala ixten dira. Pasahitza aldatzean, guztiak amaitzen dira, hau izan ezik.
sessions-list-title = Saioa hasita duten nabigatzaileak
sessions-col-browser = Nabigatzailea
sessions-col-address = Helbidea
sessions-col-created = Saio-hasiera
sessions-col-last-used = Azken erabilera
sessions-col-actions = Ekintzak
sessions-current = Nabigatzaile hau
sessions-unknown-browser = Nabigatzaile ezezaguna
sessions-end = Bukatu saioa
sessions-end-confirm = Nabigatzaile honen saioa itxi?
sessions-end-yes = Bai, bukatu
sessions-ended = Saioa amaitu da: nabigatzaile horrek saioa berriro hasi beharko du.
sessions-help-end = Nabigatzaile horren saioa berehala ixten du; haren hurrengo eskaera ukatu egiten da. Erabili ordenagailu bat galdu edo partekatu baduzu. Nabigatzaile honen saioa ixteko, erabili «Amaitu saioa».
sessions-help-password-term = Pasahitz-aldaketak
sessions-help-password = Pasahitza aldatzean, beste saio guztiak amaitzen dira. API tokenak ez dira saioak: baliogabetu API tokenen orrian. Administratzaile batek ere zure saio guztiak amai ditzake.
log-code-session-ended = Saioa amaituta
log-code-sessions-ended = Erabiltzaile baten saio guztiak amaituta
users-end-sessions = Itxi saio guztiak
users-end-sessions-confirm = Erabiltzaile honen saio guztiak amaitu? Saioa berriro hasi beharko du nabigatzaile guztietan; haren API tokenek funtzionatzen jarraituko dute.
users-end-sessions-yes = Bai, itxi
users-sessions-ended = Erabiltzailearen saio guztiak amaitu dira.

## Bi urratseko saio-hasiera
nav-two-factor = Bi urratseko saio-hasiera
login-code = Kodea
login-code-help = Zure autentifikazio-aplikazioak orain erakusten dituen 6 digituak, edo zure berreskuratze-kodeetako bat.
login-code-needed = Kontu honek bigarren faktore batekin hasten du saioa: idatzi zure autentifikazio-aplikazioaren kodea.
login-code-wrong = Kodea okerra da edo dagoeneko erabili da. Idatzi aplikazioak orain erakusten duen kodea, edo berreskuratze-kode bat.
totp-intro = Bi urratseko saio-hasierarekin zure pasahitza ez da nahikoa: saioa hasteko, zure mugikorreko aplikazio baten kodea ere eskatzen da, 30 segundoz behin aldatzen dena.
totp-held = Zerbitzari honetan administratzaileek bigarren faktore batekin hasi behar dute saioa. Konfiguratu jarraitzeko.
totp-setup-title = Konfiguratu
totp-off = Bi urratseko saio-hasiera desaktibatuta dago.
totp-password-help = Zure pasahitza, inork ezin dezan zure kontua bere mugikorrarekin lotu irekita utzi duzun nabigatzaile batetik.
totp-setup-start = Hasi
totp-step-scan = Eskaneatu QR kodea autentifikazio-aplikazio batekin (adibidez FreeOTP, Aegis, Google Authenticator edo Microsoft Authenticator), edo idatzi sekretua bertan.
totp-step-code = Idatzi aplikazioak erakusten duen kodea, ondo dabilela egiaztatzeko. Une horretatik aurrera bi urratseko saio-hasiera aktibatuta dago.
totp-qr-alt = Zure autentifikazio-aplikaziorako QR kodea
totp-secret-label = Sekretua, eskuz idazteko
totp-confirm = Aktibatu
totp-on-title = Bi urratseko saio-hasiera aktibatuta dago
totp-on-since = Aktibatuta: { $since }.
totp-codes-left = Erabili gabeko berreskuratze-kodeak: { $count }.
totp-required-note = Administratzaileek bi urratseko saio-hasierari eutsi behar diote: ezarpenek hala eskatzen dute.
totp-recovery-title = Berreskuratze-kodeak
totp-codes-warning = Gorde kode hauek orain leku seguru batean (inprimatu, edo gorde pasahitz-kudeatzaile batean): ez dira berriro erakutsiko. Bakoitzarekin behin has dezakezu saioa mugikorra galtzen baduzu.
totp-codes-done = Gorde ditut
totp-renew-title = Berreskuratze-kode berriak
totp-renew-text = 10 berreskuratze-kode berri sortzen ditu; zaharrek ez dute gehiago balio. Idatzi zure aplikazioaren kode bat (edo berreskuratze-kode bat).
totp-renew = Sortu kode berriak
totp-disable-title = Desaktibatu
totp-disable-text = Saioa hasteko pasahitza baino ez da eskatuko. Idatzi zure pasahitza eta kode bat.
totp-disable = Desaktibatu bi urratseko saio-hasiera
totp-help-app-term = Autentifikazio-aplikazioa
totp-help-app = Denboran oinarritutako aldi bakarreko kodeen edozein aplikaziok balio du (RFC 6238); mugikorrak ez du konexiorik behar kodeak erakusteko. Izan mugikorraren ordua zuzen.
totp-help-recovery = Hamar kode, bakoitzak behin saioa hasteko balio duena aplikazioaren kode baten ordez. Gorde itzazu mugikorretik urrun. Gutxi geratzen zaizkizunean, sortu berriak.
totp-help-lost-term = Mugikorra galduta
totp-help-lost = Hasi saioa berreskuratze-kode batekin eta konfiguratu mugikor berria. Berreskuratze-koderik ez baduzu, eskatu administratzaile bati zure bi urratseko saio-hasiera berrezartzeko zure erabiltzailearen orrian.
tokens-code-help = Zure kontuak bigarren faktore batekin hasten du saioa: token batek zure saioak baino gehiago irauten du, beraz, sortzeko aplikazioaren kode bat behar da orain.
settings-admins-two-factor = Administratzaileek bi urratseko saio-hasiera erabili behar dute
settings-admins-two-factor-hint = Ez daukaten administratzaileei konfiguratzeko eskatzen zaie beste ezer egin aurretik. Aktibatu lehenik zurea.
settings-help-admins-two-factor = Administratzaile batek bezero guztien babeskopietara eta gakoetara irits daiteke: lapurtutako pasahitz bat ez litzateke nahikoa izan behar. Konfiguratu ez duten administratzaileak haren orrira eramaten dira hurrengo eskaeran; hau aktibatuta dagoen bitartean ezin dute desaktibatu. API tokenek funtzionatzen jarraitzen dute.
users-two-factor-reset = Berrezarri bi urratseko saio-hasiera
users-two-factor-reset-confirm = Erabiltzaile honen bigarren faktorea eta berreskuratze-kodeak kendu? Pasahitzarekin bakarrik hasiko du saioa beste bat konfiguratu arte.
users-two-factor-reset-yes = Bai, berrezarri
users-two-factor-reset-done = Bi urratseko saio-hasiera berrezarrita: erabiltzaileak pasahitzarekin bakarrik hasten du saioa berriro konfiguratu arte.
log-code-second-factor-failed = Bigarren faktorearen kode okerra saioa hastean
log-code-totp-enabled = Bi urratseko saio-hasiera aktibatuta
log-code-totp-disabled = Bi urratseko saio-hasiera desaktibatuta
log-code-totp-reset = Administratzaile batek bi urratseko saio-hasiera berrezarri du
log-code-recovery-codes-renewed = Berreskuratze-kode berriak sortuta
log-code-restore-key-regenerated = Bezeroaren leheneratze-gakoa berriro sortuta
users-col-two-factor = Bi urrats
users-two-factor-on = Aktibatuta
users-two-factor-off = Desaktibatuta

## Irisgarritasun-adierazpena
about-accessibility-link = Irisgarritasun-adierazpena
a11y-title = Irisgarritasun-adierazpena
a11y-intro = ElkarBackupek nahi du web-aplikazio hau edonork erabili ahal izatea, administrazio publikoek eskatzen duten bezala (WCAG 2.1 AA maila, EN 301 549 Europako araua eta, Espainian, 1112/2018 Errege Dekretua). Adierazpen honek softwarearen bertsio hau deskribatzen du.
a11y-status-title = Betetze-egoera
a11y-status = Partzialki betetzen du WCAG 2.1 AA maila: oraindik egiaztatu gabe dauden atalak behean zerrendatzen dira.
a11y-checked-title = Nola egiaztatzen den
a11y-checked = Bertsio bakoitza benetako nabigatzaile batean probatzen da axe-coreren WCAG 2.1 A eta AA arauekin: orri guztiak, euskaraz, gaztelaniaz eta ingelesez, mahaigaineko pantaila batean eta mugikor baten tamainako batean. Arazo larri edo kritiko batek argitalpena geldiarazten du.
a11y-features = Aplikazioa teklatuarekin erabil daiteke (fokuaren ertz ikusgai batekin eta «Joan edukira» esteka batekin); orri bakoitzak eskualdeak eta bera izendatzen duen izenburu bat ditu; inprimakien erroreak beren eremuei lotuta daude; egoera-etiketek testua dute, ez kolorea bakarrik; eta grafiko bakoitzak zifra berak dituen taula bat du.
a11y-exceptions-title = Salbuespen ezagunak
a11y-exception-dialogs = Elkarrizketa-koadroak (berrespenak, leheneratze baten aurrebista, ostalari-gako bat onartzea) ez daude oraindik ikuskapen automatikoan.
a11y-exception-keyboard = Ibilbide osoak (bezero bat eta lan bat gehitzea, exekutatzea, arakatzea eta leheneratzea) ez dira oraindik hasieratik bukaerara teklatuarekin bakarrik probatu.
a11y-exception-reflow = Oraindik ez da orri guztietan egiaztatu 320 pixeleko zabalerara eta % 200eko zoomera egokitzea.
a11y-contact-title = Iruzkinak eta harremana
a11y-contact = Aplikazio honetako zerbait zaila edo ezinezkoa bazaizu erabiltzeko, esan zerbitzari honen administratzaileei, zure erakundearentzat kudeatzen baitute: lagun diezazukete eta arazoa ElkarBackupen garatzaileei helarazi. ElkarBackup erabiltzen duen erakunde bakoitzak bere adierazpenean zehazten ditu dagozkion harremana eta erreklamazio-prozedura.

nav-guides = Gidak
guides-title = Gidak
guides-intro = Nola prestatu babeskopia egingo zaien makinak, eta nola egin ohiko lanak. Komandoak exekutatzen diren bezala erakusten dira; gida bakoitzeko komandoak benetako makina baten aurka probatzen dira.
guides-back = Gida guztiak
guides-from-client = Nola prestatu bezero bat: gidak
guide-command-label = Komandoa
guide-linux-title = Linux bezeroa
guide-linux-summary = Prestatu Linux makina bat ssh bidez babeskopia egiteko, irakurri bakarrik egin dezakeen gako batekin.
guide-linux-intro = ElkarBackup-ek Linux makina bat ssh bidez irakurtzen du rsync-ekin, root gisa, irakurri bakarrik egin dezakeen gako baten bidez: rrsync-ek mugatzen du, rsync-ekin batera datorrenak. Bezeroan ez da beste ezer instalatzen.
guide-linux-step-packages = 1. Bezeroan, root gisa, instalatu rsync eta ssh zerbitzaria (Debian eta Ubuntu; beste sistemek izen bereko paketeak dituzte):
guide-linux-step-check = 2. Egiaztatu rsync 3.4.0 edo berriagoa dela (edo zure banaketaren bertsio zuzendua) eta rrsync badagoela. Bi lerroak agertu behar dira:
guide-linux-step-key = 3. ElkarBackup-en, gehitu bezeroa: ssh mota, root erabiltzailea, makinaren izena edo helbidea. Gorde ondoren, bere orriak babeskopia-gakoa eta hura instalatzen duen komandoa erakusten ditu. Exekutatu komando hori bezeroan root gisa; honelakoa da:
guide-linux-key-placeholder = <babeskopia-gakoaren lerroa>
guide-linux-step-verify = 4. Bezeroan, egiaztatu instalatutako lerroa: honek 1 erakusten du.
guide-linux-step-test = 5. Bezeroaren orrian, sakatu Probatu konexioa. Konparatu ostalari-gakoaren hatz-marka bezeroarenarekin (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub bezeroan) eta onartu. Ondoren, gehitu bezeroaren lanak.
guide-linux-restore = Makina honetara leheneratzeko, bere leheneratze-gakoa ere behar da, modu berean instalatuta; gako horrek idatzi bakarrik egin dezake. Hura gabe, ezin da inoiz ezer idatzi bezeroan.
guide-linux-root = Zergatik root: root-ek bakarrik irakur ditzake fitxategi guztiak beren jabe, baimen, ACL eta atributu hedatuekin. Gako mugatuak ezin du shell-ik ireki ez ezer idatzi; beraz, irakurtzea baino ez dio ematen zerbitzariari.
guide-nas-title = NAS edo rsync deabrua
guide-nas-summary = Egin NAS baten edo rsync deabrua duen edozein makinaren babeskopia, ssh gabe.
guide-nas-intro = NAS bat, edo rsync deabru gisa exekutatzen duen edozein makina, deabruaren modulu baten bidez irakurtzen da. Ez da ezer instalatzen bertan.
guide-nas-step-module = 1. Gehitu irakurtzeko soilik den modulu bat deabruaren konfigurazioan (/etc/rsyncd.conf, edo zure NASaren rsync ezarpenak). Ordeztu {"{"}path{"}"} babeskopia egingo zaion direktorioarekin eta {"{"}server{"}"} zerbitzari honen helbidearekin: «hosts allow»-ek beste makinak kanpoan uzten ditu, eta «auth users»-ek saio-hasiera eskatzen du.
guide-nas-step-secret = 2. Eman pasahitz bat erabiltzaileari, root-ek bakarrik irakur dezakeen fitxategi batean, eta berrabiarazi deabrua (systemctl restart rsync Debian-en):
guide-nas-step-client = 3. ElkarBackup-en, gehitu bezeroa: rsync deabru mota, NASaren helbidea, elkarbackup deabru-erabiltzailea eta pasahitza. Pasahitza zerbitzarian gordetzen da eta ez da berriro erakusten. Lan baten bidea moduluarekin hasten da: backup/ edo backup/argazkiak/.
guide-nas-step-test = 4. Probatu konexioak deabruaren moduluak zerrendatzen ditu eta bezeroaren lanek irakurtzen duten modulu bakoitzean saioa hasten du.
guide-nas-note = rsync deabru batek datuak zifratu gabe bidaltzen ditu: erabili konfiantzazko sare batean bakarrik, edo erabili ssh.
guide-databases-title = Datu-baseak
guide-databases-summary = Egin MySQL, MariaDB eta PostgreSQL-en babeskopia, babeskopia bakoitzaren aurretik egindako irauli batekin.
guide-databases-intro = Datu-base baten fitxategiak aldatu egiten dira martxan dagoen bitartean, eta haien kopia bat agian ez da irekiko. Egin irauli baten babeskopia horren ordez: script liburutegiak babeskopia bakoitzaren aurretik egiten du.
guide-databases-step-key = 1. Jarri bezeroaren gakoa modu arruntean eta instalatu bere lerroa: iraulia bezeroan exekutatzen da ssh bidez, eta gako mugatuek ukatu egiten dute.
guide-databases-step-job = 2. Gehitu lan bat bezeroko irauli-direktorio baterako, adibidez /var/backups/mysql/ edo /var/backups/postgresql/.
guide-databases-step-script = 3. Scriptak orrian, gehitu mysql-dump edo postgresql-dump liburutegitik, eta aukeratu lanaren aurreko script gisa. Babeskopia bakoitzak lehenik direktorio horretara iraultzen du, eta gero kopiatzen du. Iraulketak huts egiten badu, babeskopia gelditzen da eta azken irauli ona gordetzen da.
guide-databases-step-login = 4. MySQL eta MariaDB: Debian-en root gisa, iraulia zerbitzariaren socketaren bidez sartzen da; bestela, jarri saio-hasiera ssh erabiltzailearen ~/.my.cnf fitxategian ([client], user=, password=). PostgreSQL: root gisa postgres erabiltzaile gisa iraultzen du.
guide-databases-restore = Leheneratzeko, deskargatu iraulia argazki batetik eta kargatu: mariadb < all-databases.sql, edo pg_restore -d izena izena.dump (datu-base bat edo taula bat).
guide-windows-title = Windows bezeroa
guide-windows-summary = Egin Windows makina baten babeskopia ssh bidez, Windows-ek dakarren OpenSSH zerbitzariarekin eta Windows-erako rsync batekin.
guide-windows-intro = Windows 10, 11 eta Server 2019 edo berriagoek OpenSSH zerbitzari bat dakarte. Ondoan Windows-erako rsync bat jarrita, ElkarBackup-ek beste edozein ssh bezero bezala egiten du makinaren babeskopia.
guide-windows-step-ssh = 1. PowerShell-en, administratzaile gisa, instalatu eta abiarazi ssh zerbitzaria:
guide-windows-step-rsync = 2. Instalatu rsync: cwRsync (jarri bere bin karpeta sistemaren PATH-ean) edo MSYS2-ren rsync (pacman -S rsync, eta gehitu C:\msys64\usr\bin sistemaren PATH-era). ssh saio berri batean, rsync --version komandoak erantzun behar du.
guide-windows-step-key = 3. ElkarBackup-en, gehitu bezeroa: ssh mota, Windows erabiltzailea, gako arruntaren modua (rrsync ez dabil Windows-en). Administratzaile batentzat, Windows-en ssh zerbitzariak C:\ProgramData\ssh\administrators_authorized_keys fitxategiko gakoak irakurtzen ditu, ez erabiltzailearen fitxategia: gehitu hor babeskopia-gakoaren lerroa, eta utzi Administrators eta SYSTEM-i bakarrik irakurtzen:
guide-windows-key-placeholder = <babeskopia-gakoaren lerroa>
guide-windows-step-paths = 4. Bideak: cwRsync-ek C:\Users /cygdrive/c/Users/ gisa ikusten du, MSYS2-k /c/Users/ gisa. Eman lanen bideak horrela.
guide-windows-step-vss = 5. Irekita dauden fitxategiak (Outlook, datu-baseak) hobeto kopiatzen dira itzal-kopia batetik: gehitu windows-vss script liburutegitik bezeroaren aurreko eta ondorengo script gisa, eta jarri lanak /cygdrive/c/elkarbackup-vss/ azpian (edo /c/elkarbackup-vss/).
guide-windows-permissions = Windows-en baimenak (ACL) ez dira POSIX baimenak: rsync-ek hurbilketa bat ikusten du. Leheneratze batek fitxategien edukia eta datak itzultzen ditu; baimenak leheneratzen diren karpetarenak dira.
guide-restore-title = Leheneratzea
guide-restore-summary = Arakatu, deskargatu eta leheneratu fitxategiak, karpetak edo zerbitzari oso bat.
guide-restore-intro = Argazki bakoitza kopia osoa da: ez da ezer deskonprimitu behar irakurtzeko.
guide-restore-browse = Arakatu: lan baten orrian, argazkiak dataren arabera zerrendatzen dira; ireki bat bere karpetetan ibiltzeko. Bertsioak aukerak fitxategi baten gordetako kopia guztiak erakusten ditu, data eta tamainarekin.
guide-restore-download = Deskargatu: fitxategi bat dagoen bezala deskargatzen da; karpeta bat, artxibo gisa.
guide-restore-restore = Leheneratu: fitxategi edo karpeta bat bezero batera itzultzen du, bere jabe, baimen, ACL eta atributu hedatuekin. Aukeratu bezeroa (bera edo beste bat), karpeta eta nola: restore-<ordua> karpeta berri batean (lehendik dagoen ezer ukitu gabe) edo jatorrizkoaren gainean, nahi izanez gero argazkian ez dauden fitxategiak ezabatuz. Ikusi aldaketak aukerak zer aldatuko litzatekeen erakusten du ezer idatzi aurretik.
guide-restore-key = Bezero batera leheneratzeko, bezeroaren leheneratze-gakoa instalatuta egon behar da bertan. Gako horrek idatzi bakarrik egin dezake, eta bezeroaren gako-erroaren azpian bakarrik.
guide-restore-server = Zerbitzari oso bat: instalatu berriro bere sistema rsync eta ssh zerbitzariarekin, instalatu bere leheneratze-gakoa, eta leheneratu lan bakoitzaren argazki berriena bere lekura, jatorrizkoaren gainean. Ondoren, berrinstalatu abio-kargatzailea eta berrabiarazi.
guide-policies-title = Politikak eta atxikipena
guide-policies-summary = Noiz exekutatzen diren lanak eta zein argazki gordetzen diren.
guide-policies-intro = Politika batek esaten du noiz exekutatzen diren bere lanak eta zenbat argazki gordetzen dituzten. Lan batzuek politika bera parteka dezakete.
guide-policies-levels = Mailak: egunean zehar, egunekoa, astekoa, hilekoa eta urtekoa. Piztuta dagoen maila bakoitzak bere ordua (eta eguna) eta gordetzen dituen argazkien kopurua ditu.
guide-policies-tags = Exekuzio bat maila batzuetakoa izan daiteke aldi berean. Argazki bat bere mailetako batek gordetzen duen bitartean geratzen da. Babeskopia bakoitzaren ondoren, atxikipenak zakarrontzira eramaten du inongo mailak gordetzen ez duena; argazki berriena ez da inoiz ezabatzen.
guide-policies-keeps = Editoreak mailek batera zer gordetzen duten esaten du («Azken kopiak gordetzen ditu: …»): adibidez, 7 egunekok, 4 astekok eta 12 hilekok urtebete inguru hartzen dute 23 argazkirekin.
guide-policies-cost = Aldatu ez diren fitxategiak aurreko argazkirako lotura gogorrak dira: argazki batek aldatu denaren lekua bakarrik hartzen du.
guide-policies-patterns = Politikaren sartze- eta baztertze-ereduak bere lan guztiei aplikatzen zaizkie, beren ereduak dituztenei izan ezik.
guide-macos-title = macOS bezeroa
guide-macos-summary = Egin Mac baten babeskopia ssh bidez: urruneko saioa, diskorako sarbide osoa eta rsync eguneratu bat.
guide-macos-intro = Mac batek ssh zerbitzaria du (Urruneko saioa), baina bere rsync zaharregia da (2.6.9) edo, macOS 15etik aurrera, openrsync, babeskopiek erabiltzen dituzten aukerak falta zaizkiona. Gehitu rsync eguneratu bat eta utzi ssh-ri karpeta guztiak irakurtzen.
guide-macos-step-ssh = 1. Sistemaren ezarpenetan (System Settings), Orokorra (General), Partekatzea (Sharing), aktibatu Urruneko saioa (Remote Login) eta, bere xehetasunetan, aktibatu diskorako sarbide osoa urruneko erabiltzaileentzat (Allow full disk access for remote users); macOS-ek ez du euskarazko bertsiorik. Hori gabe, macOS-ek Mahaigaina, Dokumentuak, Mail eta beste karpeta batzuk ezkutatzen dizkio ssh-ri, eta babeskopiak huts egiten du haietan «Operation not permitted» errorearekin.
guide-macos-step-rsync = 2. Terminalean, instalatu rsync Homebrew-ekin eta egiaztatu (bigarren lerroak 3.4.0 bertsioa edo berriagoa erakutsi behar du):
guide-macos-step-client = 3. ElkarBackup-en, gehitu bezeroa: ssh mota, Mac-eko administratzaile-erabiltzaile bat, gako arruntaren modua. Aurreratua atalean, gehitu rsync aukera hau (Intel Mac batean bidea /usr/local/bin/rsync da), eta gero instalatu gakoaren lerroa bezeroaren orriak erakusten duen komandoarekin, Terminalean erabiltzaile horrekin:
guide-macos-step-root = 4. Erabiltzaile horrek bere eskubideek uzten diotena bakarrik irakurtzen du. Erabiltzaile guztien fitxategien babeskopia egiteko, utzi rsync root gisa pasahitzik gabe exekutatzen («erabiltzailea ALL=(root) NOPASSWD: /opt/homebrew/bin/rsync» lerro bat /etc/sudoers.d/elkarbackup fitxategian, sudo visudo -f komandoarekin editatuta) eta erabili horren ordez --rsync-path=sudo /opt/homebrew/bin/rsync.
guide-macos-step-test = 5. Bezeroaren orrian, sakatu Probatu konexioa eta onartu ostalari-gakoa, bere hatz-marka Mac-arenarekin konparatu ondoren (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).
