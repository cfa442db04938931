# APIaren errore-mezuak (euskara).
error-bad-request = Ezin izan da eskaera ulertu. Egiaztatu haren formatua eta eduki mota.
error-validation-failed = Eremu batzuk ez dira baliozkoak.
error-unauthorized = Saioa hasi behar duzu.
error-invalid-credentials = Erabiltzaile-izena edo pasahitza okerra da.
error-invalid-trigger-token = Lan honen abiarazte-tokena falta da edo okerra da.
error-csrf-header-missing = Eskaera honek ez du segurtasun-goiburua. Kargatu berriro orria eta saiatu berriro.
error-forbidden = Ez duzu hau egiteko baimenik.
error-not-found = Ez dago, edo ezabatu egin da.
error-conflict = Honek lehendik dauden datuekin talka egiten du.
error-rate-limited = Saiakera gehiegi. Itxaron minutu batzuk eta saiatu berriro.
error-method-not-allowed = Metodo hau ez dago baimenduta hemen.
error-internal = Zerbaitek huts egin du zerbitzarian. Xehetasunak zerbitzariaren erregistroan daude.
error-database-unavailable = Zerbitzariak ezin du bere datu-basera iritsi une honetan. Saiatu berriro minutu batzuk barru.
error-invalid-path = Bide hau ez da baliozkoa babeskopia baten barruan.
error-not-regular-file = Fitxategi arruntak bakarrik deskarga daitezke; hau fitxategi berezia edo esteka bat da.
error-preview-failed = Ezin izan da leheneratzearen aurrebista prestatu: bezeroak ez du espero bezala erantzun. Xehetasunak erregistroan daude.
error-restore-key-missing = Bezero honetan ez dago leheneratzerik gaituta: ez dago bertan haren leheneratze-gakoa instalatuta. Gaitzeko, instalatu leheneratze-gakoaren lerroa (bezeroaren orrian dago) haren ssh erabiltzailearen authorized_keys fitxategian.
error-run-in-progress = Haren exekuzio bat ilaran edo martxan dago. Saiatu berriro amaitzen denean.
error-run-finished = Exekuzioa amaitu da dagoeneko.
error-no-pending-host-key = Bezero honen ostalari-gakorik ez dago onartzeko zain.
error-protected-user = Lehen administratzaileak administratzaile aktiboa izaten jarraitzen du, eta ezin da ezabatu.
error-own-account = Ezin duzu zure kontua ezabatu.
error-no-free-name = Ez da izen librerik aurkitu kopiarentzat. Aldatu aurreko kopia batzuen izena.
error-copied-read-only = Bezero hau beste ElkarBackup zerbitzari baten kopia da, eta ezin da hemen aldatu. Hartu zure gain aldatzeko.
error-primary-unreachable = Ezin izan da zerbitzari nagusiarekin konektatu. Egiaztatu haren helbidea eta martxan dagoela; xehetasunak erregistroan daude.
error-primary-refused = Zerbitzari nagusiak eskaera baztertu du: egiaztatu erreplikazio-tokena, edo haren sarbidea baliogabetu den. Xehetasunak erregistroan daude.
error-host-key-pending = Zerbitzari nagusiaren ssh ostalari-gakoa ez da oraindik onartu. Egiaztatu haren hatz-marka eta onartu.
error-host-key-mismatch = Zerbitzari nagusiaren ssh ostalari-gakoa aldatu egin da onartu zenetik. Berrinstalatu egin dute agian, edo norbait haren itxura egiten ari da.
error-second-factor-required = Idatzi zure autentifikazio-aplikazioaren kodea.
error-invalid-second-factor = Kodea okerra da edo dagoeneko erabili da. Idatzi aplikazioak orain erakusten duen kodea, edo zure berreskuratze-kodeetako bat.
error-two-factor-setup-required = Administratzaileek bigarren faktore batekin hasi behar dute saioa. Konfiguratu bi urratseko saio-hasiera beste ezer egin aurretik.
error-two-factor-required = Administratzaileek bi urratseko saio-hasierari eutsi behar diote: ezarpenek hala eskatzen dute.
error-two-factor-already-on = Bi urratseko saio-hasiera aktibatuta dago jada. Beste mugikor bat konfiguratzeko, desaktibatu lehenik (kode bat behar da) eta konfiguratu berriro.

validation-not-found = Hautatutako elementua ez da existitzen.
validation-directory-missing = Direktorioa ez dago zerbitzarian.
validation-directory-not-writable = Zerbitzariak ezin du direktorio honetan idatzi.
validation-before-start = Ezin da hasiera baino lehenagokoa izan.
validation-outside-key-root = Bezero honen gako mugatuek erabil dezaketen direktoriotik kanpo dago. Aukeratu haren barruko bide bat, edo zabaldu gakoen direktorioa bezeroaren orrian (eta instalatu lerro berriak).
validation-invalid-code = Kodea okerra da edo dagoeneko erabili da.
validation-setup-not-started = Hasi lehenik konfigurazioa: ez dago berrespenaren zain dagoen sekreturik.
validation-not-enabled = Bi urratseko saio-hasiera ez dago aktibatuta.
validation-own-two-factor-first = Konfiguratu lehenik bi urratseko saio-hasiera zure kontuan.
validation-too-weak = Errazegia da asmatzeko: { $reason ->
        [1] pasahitz ohikoa da, edo baten antzekoa.
        [2] hitz bakar bat, edo zure erabiltzaile-izena edo posta, erraz asmatzen da.
        [3] izenak eta abizenak erraz asmatzen dira.
        [4] datak eta urteak erraz asmatzen dira.
        [5] errepikapenak eta segidak, hala nola «aaa», «abcabc» edo «6543», erraz asmatzen dira.
        [6] teklatuko lerroak eta irudiak, hala nola «qwerty», erraz asmatzen dira.
       *[0] karaktere gehiago behar ditu, edo ez hain aurreikusgarriak.
    } Erabili elkarren artean zerikusirik ez duten hainbat hitz, edo pasahitz luzeagoa.

## Hasierako politikak, eskatzailearen hizkuntzan, administratzaile batek editatu arte.
policy-preset-default-name = Politika lehenetsia
policy-preset-default-description = Egunero astelehenetik ostiralera 21:00etan (5 gordetzen dira), astero astelehenetan (4 gordetzen dira), hilero hilaren 1ean (12 gordetzen dira).
policy-preset-weekdays-three-times-name = Egunean hiru aldiz, astelehenetik ostiralera
policy-preset-weekdays-three-times-description = 11:00etan, 14:00etan eta 17:00etan astelehenetik ostiralera (3 gordetzen dira), egunero 11:00etan (5 gordetzen dira).
policy-preset-daily-name = 21:00etan, asteko 7 egunetan
policy-preset-daily-description = Egunero 21:00etan, asteko egun guztietan (7 gordetzen dira).
policy-preset-weekdays-long-term-name = 21:00etan, astelehenetik ostiralera, epe luzerako gordetzea
policy-preset-weekdays-long-term-description = Egunero astelehenetik ostiralera 21:00etan (5 gordetzen dira), astero larunbatetan (4 gordetzen dira), hilero hilaren 28an (22 gordetzen dira).
cli-postgres-blocked = PostgreSQL-ren «postgres» sistema-erabiltzaileak ezin du { $dir } karpetan sartu, eta ezin du { $cluster } karpetako bere klusterra erabili. Aukeratu /var/lib azpiko datu-karpeta bat (adibidez --data-dir /var/lib/elkarbackup), edo utzi postgres erabiltzaileari { $dir } karpetan sartzen (adibidez setfacl -m u:postgres:x { $dir }).

## Notification e-mails: names and facts are inserted as text. The result words
## (`result-*`), the label "Problem" (`run-error`) and the explanations of error codes
## (`run-error-*`) are the web app's, so a mail says exactly what the run page says.
mail-subject = [ElkarBackup] { $result }: { $client } / { $job }
mail-event-run-failed = Huts egin du
mail-event-run-warning = Abisua
mail-event-run-ok = Ondo
mail-event-run-recovered = Berriro ondo
mail-kind-backup = Babeskopia
mail-kind-restore = Leheneratzea
mail-intro = “{ $client }” bezeroaren “{ $job }” lana ({ $kind }): { $result }.
mail-label-result = Emaitza
mail-label-started = Hasiera
mail-label-duration = Iraupena
mail-label-files = Fitxategiak
mail-label-bytes = Tamaina
mail-label-new-bytes = Datu berriak
mail-label-log = Erregistroaren azken lerroak
mail-no-log = Exekuzioak ez du erregistrorik idatzi.
mail-link = Ireki exekuzioa ElkarBackup-en
mail-test-subject = [ElkarBackup] Proba-mezua
mail-test-body = ElkarBackup-en proba-mezu bat da hau. Irakur badezakezu, posta-ezarpenek ondo funtzionatzen dute.
mail-late-subject = [ElkarBackup] Berandu: { $client } / { $job }
mail-on-time-subject = [ElkarBackup] Berriro garaiz: { $client } / { $job }
mail-late-intro = “{ $client }” bezeroaren “{ $job }” lanak ez du babeskopia zuzenik, bere politikak espero zuenetik { $hours } ordu baino gehiago igaro ondoren.
mail-on-time-intro = “{ $client }” bezeroaren “{ $job }” lanak berriro du babeskopia zuzen bat.
mail-label-late-since = Berandu noiztik
mail-link-job = Ireki lana ElkarBackupen
mail-digest-subject = [ElkarBackup] Eguneko laburpena { $day }: { $problems ->
    [0] dena ondo
    [one] arazo 1
   *[other] { $problems } arazo
}
mail-digest-intro = Azken egunean zure arreta behar duena:
mail-digest-all-well = Azken egunean ez du babeskopiarik huts egin edo abisurik eman, eta ez dago lanik berandu.
mail-digest-failed = Huts egin du
mail-digest-warning = Abisuekin
mail-digest-late = Berandu
mail-test-no-server = Ez dago posta-zerbitzaririk: bete goiko «SMTP zerbitzaria» eremua eta gorde lehenik ezarpenak.

## `elkarbackup doctor`: one line per finding, "[status] subject: message", each message
## saying what was found and, when something is wrong, what to do about it.
doctor-status-ok = ondo
doctor-status-note = oharra
doctor-status-skipped = saltatua
doctor-status-warning = abisua
doctor-status-problem = arazoa
doctor-check-postgres = PostgreSQL
doctor-check-database = Datu-basea
doctor-check-rsync = rsync
doctor-check-ssh = ssh
doctor-check-location = «{ $name }» kokapena
doctor-check-tls = HTTPS
doctor-check-time-zone = Ordu-zona
doctor-check-clock = Erlojua
doctor-postgres-programs-ok = { $programs }: { $dir } karpetan aurkitu dira.
doctor-postgres-not-installed = PostgreSQL-ren zerbitzari-programak (initdb, postgres) ez daude ez /usr/lib/postgresql/*/bin karpetan ez PATHean. Instalatu apt-get install postgresql komandoarekin, edo ezarri DATABASE_URL lehendik dagoen PostgreSQL zerbitzari bat erabiltzeko.
doctor-postgres-bin-dir-wrong = postgres_bin_dir { $dir } da, baina initdb eta postgres ez daude han. Jarri bertan (edo ELKARBACKUP_POSTGRES_BIN_DIR aldagaian) haiek dituen karpeta, Debianen /usr/lib/postgresql/<bertsioa>/bin, edo kendu ezarpena ElkarBackup-ek berak aurki ditzan.
doctor-postgres-programs-missing = { $missing } ez dago { $dir } karpetan. Katalogoaren gaueko iraulketek eta haren berreskurapenak pg_dump eta pg_restore behar dituzte: instalatu bertsio horretako PostgreSQL programak (apt-get install postgresql), edo jarri postgres_bin_dir ezarpenean denak dituen karpeta bat.
doctor-postgres-client-missing = { $missing } ez da aurkitu ({ $dir } begiratu da). Katalogoaren gaueko iraulketek eta haren berreskurapenak pg_dump eta pg_restore behar dituzte: instalatu apt-get install postgresql-client komandoarekin, edo jarri haien karpeta postgres_bin_dir ezarpenean.
doctor-postgres-no-user = «postgres» sistema-erabiltzailea ez dago, eta zerbitzariak erabiltzaile horren izenean exekutatzen du bere PostgreSQL klusterra root gisa abiarazten denean. Instalatu postgresql Debian paketea; hark sortzen du.
doctor-postgres-access-ok = «postgres» erabiltzaileak { $cluster } karpetara irits daiteke.
doctor-database-skipped = Ez da ireki goiko arazoagatik; kokapenak eta datu-basearen zerbitzariaren erlojua ez dira egiaztatu.
doctor-database-url-ok = DATABASE_URL-ko datu-baseak erantzuten du, eta bere eskema eguneratuta dago (PostgreSQL { $version }).
doctor-database-managed-ok = { $cluster } karpetako kluster kudeatuak erantzuten du, eta bere eskema eguneratuta dago (PostgreSQL { $version }).
doctor-database-url-failed = Ezin da DATABASE_URL-ko datu-basea ireki: { $reason }. Egiaztatu PostgreSQL zerbitzaria martxan dagoela eta helbide, erabiltzaile eta pasahitz hauek onartzen dituela.
doctor-database-managed-failed = PostgreSQL kluster kudeatua ez da ireki: { $reason }. Bere erregistroa hau da: { $log }.
doctor-database-query-failed = Datu-basea ireki da, baina ez du erantzun: { $reason }.
doctor-rsync-ok = rsync { $version } ({ $program }).
doctor-rsync-missing = { $program } ez dabil ({ $reason }). Instalatu rsync (apt-get install rsync), edo jarri rsync ezarpenean (ELKARBACKUP_RSYNC) rsync programa.
doctor-rsync-unreadable = { $program } --version komandoak ez du esaten zein bertsio den («{ $line }»). ElkarBackup-ek rsync { $minimum } edo berriagoa behar du: jarri rsync ezarpenean (ELKARBACKUP_RSYNC) benetako rsync bat.
doctor-rsync-too-old = rsync { $version } ({ $program }) { $minimum } baino zaharragoa da, eta hori da ElkarBackup-ekin dabilen bertsio zaharrena. Instalatu rsync { $minimum } edo berriagoa (Debian 12k badu), edo jarri rsync ezarpenean (ELKARBACKUP_RSYNC) berriago bat.
doctor-rsync-cves = rsync { $version } ({ $program }): jatorrizko proiektuak 2025eko urtarrilean argitaratutako ahuleziak (CVE-2024-12084, CVE-2024-12085, CVE-2024-12086, CVE-2024-12087, CVE-2024-12088, CVE-2024-12747) { $fixed } bertsioan konpondu zituen, baina banaketek bertsio zaharragoak ere konpontzen dituzte: Debian 12ko 3.2.7-1+deb12u2, adibidez, ez da kaltetua. Begiratu zure banaketaren segurtasun-aholkua instalatutako paketearentzat (dpkg -l rsync), eta eguneratu han konpondu gabe badago.
doctor-ssh-ok = { $version }; ssh-keygen ere badago.
doctor-ssh-missing = ssh ez dabil ({ $reason }). Urruneko bezeroen babeskopiek eta leheneratzeek behar dute: apt-get install openssh-client.
doctor-ssh-keygen-missing = ssh-keygen ez dabil ({ $reason }). Bezero bakoitzaren gako-bikotea harekin sortzen da: apt-get install openssh-client.
doctor-location-ok = { $dir }: idatz daiteke; libre: lekuaren % { $space }, inodoen % { $inodes }.
doctor-location-skipped = { $dir }: ez dago aktibo, ez da egiaztatu.
doctor-location-missing = { $dir } ez dago. Muntatu bere diskoa edo sortu karpeta, edo desaktibatu kokapena «Babeskopien kokapenak» orrian: ordura arte, bertan egindako babeskopiek huts egingo dute.
doctor-location-not-directory = { $dir } ez da karpeta bat. Eman karpeta bat kokapenari «Babeskopien kokapenak» orrian.
doctor-location-unreachable = Ezin da { $dir } aztertu ({ $reason }). Egiaztatu bere diskoa edo sareko partekatzea, eta goiko karpeten baimenak.
doctor-location-not-writable = Ezin da { $dir } karpetan idatzi ({ $reason }). Egiaztatu diskoa ez dagoela irakurtzeko soilik muntatuta eta ElkarBackup exekutatzen duen erabiltzaileak han idatz dezakeela.
doctor-location-full = { $dir }: lekuaren % { $space } eta inodoen % { $inodes } besterik ez daude libre, eta babeskopiak ez dira abiarazten % { $min } azpitik (min_free_percent). Askatu lekua bertan, edo eraman lanak beste kokapen batera.
doctor-location-low = { $dir }: lekuaren % { $space } eta inodoen % { $inodes } daude libre, % { $warn } baino gutxiago. Babeskopiak % { $min } azpitik gelditzen dira: askatu lekua edo aurreikusi disko handiago bat.
doctor-tls-not-configured = Ez dago konfiguratuta: zerbitzariak HTTP zifratu gabea erabiltzen du. Jarri HTTPS alderantzizko proxy baten atzean, edo ezarri certificate eta key [tls] atalean.
doctor-tls-ok = { $certificate } («{ $subject }») baliozkoa da data honetara arte: { $date }; eta { $key } bere gakoa da.
doctor-tls-unreadable = Ezin da { $path } irakurri ({ $reason }). Egiaztatu [tls] ataleko bidea eta zerbitzariaren erabiltzaileak fitxategia irakur dezakeela.
doctor-tls-no-certificate = { $path } fitxategian ez dago PEM ziurtagiririk («-----BEGIN CERTIFICATE-----» bloke bat). Jarri certificate ezarpenean ziurtagiri-katearen PEM fitxategia, zerbitzariaren ziurtagiria lehenengo.
doctor-tls-bad-certificate = Ezin da { $path } fitxategiko ziurtagiria irakurri ({ $reason }). Ordeztu baliozko PEM ziurtagiri-kate batekin.
doctor-tls-no-key = { $path } fitxategian ez dago PEM gako pribaturik (PKCS#8, PKCS#1 edo SEC1). Jarri key ezarpenean ziurtagiriaren gako pribatuaren fitxategia.
doctor-tls-bad-key = Ezin da { $path } fitxategiko gako pribatua irakurri ({ $reason }). Ordeztu ziurtagiriaren PEM gako pribatuarekin.
doctor-tls-not-yet-valid = { $path } fitxategiko ziurtagiriaren baliozkotasuna data honetan hasten da: { $date }. Egiaztatu sistemaren erlojua, edo erabili orain baliozkoa den ziurtagiri bat.
doctor-tls-expired = { $path } fitxategiko ziurtagiria data honetan iraungi zen: { $date }; nabigatzaileek ukatu egiten dute. Berritu eta berrabiarazi zerbitzaria.
doctor-tls-expires-soon = { $path } fitxategiko ziurtagiria data honetan iraungitzen da: { $date } (geratzen diren egunak: { $days }). Berritu lehenago eta berrabiarazi zerbitzaria.
doctor-tls-key-mismatch = { $key } fitxategiko gakoa ez da { $certificate } fitxategiko ziurtagiriarena. Jarri key ezarpenean ziurtagiriari dagokion gako pribatua.
doctor-tls-rejected = rustls-ek ez du onartzen { $certificate } ziurtagiria { $key } gakoarekin: { $reason }.
doctor-time-zone-env = { $zone }, ELKARBACKUP_TIME_ZONE aldagaiak ezarria; uneko ordua han: { $now }.
doctor-time-zone-tz = { $zone }, TZ aldagaitik hartua; uneko ordua han: { $now }.
doctor-time-zone-etc = { $zone }, /etc/timezone fitxategitik hartua; uneko ordua han: { $now }.
doctor-time-zone-file = { $zone }, konfigurazio-fitxategitik hartua; uneko ordua han: { $now }.
doctor-time-zone-default = { $zone }, lehenetsia (ez dago ordu-zonarik ezarrita); uneko ordua: { $now }.
doctor-time-zone-differs = Politiken orduak { $zone } ordu-zonan daude (ez dago ordu-zonarik ezarrita), baina makina hau { $machine } ordu-zonan dago (/etc/localtime). Babeskopiak { $machine } ordu-zonako orduetan egin behar badira, ezarri time_zone = "{ $machine }" konfigurazio-fitxategian (edo ELKARBACKUP_TIME_ZONE). Uneko ordua { $zone } ordu-zonan: { $now }.
doctor-clock-ok = Sistemaren erlojua eta datu-basearen zerbitzariarena bat datoz ({ $seconds } s-ko aldea).
doctor-clock-skew = Sistemaren erlojuaren eta datu-basearen zerbitzariaren erlojuaren artean { $seconds } s-ko aldea dago, { $max } s baino gehiago. Programazioek eta erori den zerbitzari baten exekuzioak hartzeak biak alderatzen dituzte: sinkronizatu bi makinen erlojuak (NTP).
doctor-ntp-yes = NTP bidez sinkronizatuta.
doctor-ntp-no = Ez dago sinkronizatuta: timedatectl-ek NTPSynchronized=no dio. Aktibatu ordu-sinkronizazioa (timedatectl set-ntp true, edo instalatu chrony edo systemd-timesyncd).
doctor-ntp-unknown = Ez dakigu NTPk erlojua sinkronizatzen duen (timedatectl-ek ez du esan).
doctor-summary-problems = { $n ->
    [0] Ez dago arazorik.
    [one] Arazo bat: ElkarBackup-ek ez du ondo funtzionatuko konpondu arte.
   *[other] { $n } arazo: ElkarBackup-ek ez du ondo funtzionatuko konpondu arte.
}
doctor-summary-warnings = { $n ->
    [0] Ez dago abisurik.
    [one] Abisu bat.
   *[other] { $n } abisu.
}

## `elkarbackup recover`: katalogoa kokapenetatik berreraikitzea (zerbitzariaren beraren hondamendia).
recover-dump-used = Katalogoa { $path } iraulketatik leheneratu da.
recover-no-dump = Ez da katalogoaren iraulketarik aurkitu emandako karpetetan: katalogoa argazkien metadatuekin bakarrik berreraiki da. Ez ditu erabiltzaileak, scriptak, ezarpenak ezta erreplikazio-iturburuak ere: konfiguratu itzazu berriro.
recover-location-mapped = «{ $name }» kokapena { $dir } da orain.
recover-location-created = «{ $name }» kokapena gehitu da { $dir } karpetarako.
recover-location-missing = «{ $name }» kokapena ({ $dir }) ez zegoen emandako karpeten artean, eta ez dago han: bere argazkiak ezin dira irakurri itzuli arte (berreskuratu berriro hura ere emanda, edo aldatu bere karpeta Babeskopien kokapenak orrian).
recover-totals = Orain katalogoan — erabiltzaileak: { $users }, bezeroak: { $clients }, lanak: { $jobs }, argazkiak: { $snapshots }.
recover-no-users = Oraindik ez dago erabiltzailerik: lehen abiaraztean, zerbitzariak «admin» administratzailea sortzen du eta haren pasahitza erakusten du (datu-karpetako initial-admin-password fitxategian ere idatzia).
recover-from-metadata = Diskoko argazkietatik — berriro sortutako bezeroak: { $clients }, berriro sortutako lanak: { $jobs }, berriro sortutako politikak: { $policies }, gehitutako argazkiak: { $snapshots }.
recover-stale-rows = Iraulketak zerrendatzen zituen baina diskoan jada ez dauden argazkiak (haien erregistroak kendu dira): { $n }.
recover-skipped = Kanpoan utzitako argazkiak, haien metadatuek ez dutelako beren lana deskribatzen (bertsio zaharrago batek idatziak, edo primario batetik erreplikazioz kopiatuak): { $n }.
recover-unreadable = Metadatu baliodunik gabeko argazki-karpetak, ukitu gabe: { $n }.
recover-keys-restored = Kokapenetatik leheneratutako ssh gako-bikoteak: { $n }.
recover-no-new-keys = Ez da ssh gakorik berriro sortu behar izan.
recover-new-keys = Hauek ssh gako berria dute, eta oraindik ez dute hartan konfiantzarik: gehitu lerro bakoitza bezeroaren authorized_keys fitxategira (erreplikazio-iturburu baten kasuan, eman iezaiozu primarioari erreplikazio-sarbide gisa):
recover-next = Abiarazi zerbitzaria orain (systemctl start elkarbackup).
recover-not-empty = Katalogoak { $clients } bezero eta { $jobs } lan ditu jada. Berreskuratu instalazio berri batean bakarrik, edo gehitu --force (orduan aurkitutako iraulketak katalogo osoa ordezten du).
recover-server-running = Beste programa bat katalogoaren datu-basera konektatuta dago (martxan dagoen zerbitzari bat?). Gelditu lehenik (systemctl stop elkarbackup) eta saiatu berriro.
recover-not-a-directory = { $dir } ez da karpeta bat.

## Built-in HTTPS and the path prefix (serve): start-up errors about the [tls] files.
cli-tls-certificate-unreadable = Ezin da { $path } TLS ziurtagiria irakurri: { $reason }. Egiaztatu konfigurazioko [tls] ataleko «certificate» (edo ELKARBACKUP_TLS_CERTIFICATE), eta zerbitzaria exekutatzen duen erabiltzaileak fitxategia irakur dezakeela.
cli-tls-key-unreadable = Ezin da { $path } TLS gako pribatua irakurri: { $reason }. Egiaztatu konfigurazioko [tls] ataleko «key» (edo ELKARBACKUP_TLS_KEY), eta zerbitzaria exekutatzen duen erabiltzaileak fitxategia irakur dezakeela.
cli-tls-certificate-not-pem = { $path } ez da PEM ziurtagiri-fitxategi bat ({ $reason }). Zerbitzariaren ziurtagiria izan behar du, eta ondoren tarteko ziurtagiriak, bakoitza «-----BEGIN CERTIFICATE-----» eta «-----END CERTIFICATE-----» artean.
cli-tls-key-not-pem = { $path } ez da PEM gako pribatuko fitxategi bat ({ $reason }). Zifratu gabeko gako bat izan behar du, «-----BEGIN PRIVATE KEY-----» (edo RSA PRIVATE KEY, EC PRIVATE KEY) lerro baten eta bere END lerroaren artean.
cli-tls-rejected = { $certificate } TLS ziurtagiria eta { $key } gakoa ezin dira batera erabili: { $reason }. Gakoak fitxategiko lehen ziurtagiriaren gako pribatua izan behar du.

## Engine performance (issue 17): phase marks in a run's log, after the bracketed mark.
run-phase-claim = Zerbitzari honek hartu du exekuzioa.
run-phase-preflight = Lana, bezeroa, kokapena eta politika kargatuta; exekuzioa planifikatuta.
run-phase-host-key = Ostalariaren gakoa finkatuta ssh-ren egiaztapen zorrotzerako.
run-phase-scripts = Aurreko scriptak amaituta.
run-phase-rsync-start = rsync abiarazita.
run-phase-rsync-end = rsync amaituta.
run-phase-publish = Argazkia diskoan idatzita eta argitaratuta.
run-phase-retention = Atxikipena aplikatuta.
run-phase-finish = Emaitza erregistratuta.
