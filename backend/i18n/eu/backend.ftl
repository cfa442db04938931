# APIaren errore-mezuak (euskara).
error-bad-request = Ezin izan da eskaera ulertu. Egiaztatu haren formatua eta eduki mota.
error-validation-failed = Eremu batzuk ez dira baliozkoak.
error-unauthorized = Saioa hasi behar duzu.
error-invalid-credentials = Erabiltzaile-izena edo pasahitza okerra da.
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

validation-not-found = Hautatutako elementua ez da existitzen.
validation-directory-missing = Direktorioa ez dago zerbitzarian.
validation-directory-not-writable = Zerbitzariak ezin du direktorio honetan idatzi.
validation-before-start = Ezin da hasiera baino lehenagokoa izan.

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

## Built-in HTTPS and the path prefix (serve): start-up errors about the [tls] files.
cli-tls-certificate-unreadable = Ezin da { $path } TLS ziurtagiria irakurri: { $reason }. Egiaztatu konfigurazioko [tls] ataleko «certificate» (edo ELKARBACKUP_TLS_CERTIFICATE), eta zerbitzaria exekutatzen duen erabiltzaileak fitxategia irakur dezakeela.
cli-tls-key-unreadable = Ezin da { $path } TLS gako pribatua irakurri: { $reason }. Egiaztatu konfigurazioko [tls] ataleko «key» (edo ELKARBACKUP_TLS_KEY), eta zerbitzaria exekutatzen duen erabiltzaileak fitxategia irakur dezakeela.
cli-tls-certificate-not-pem = { $path } ez da PEM ziurtagiri-fitxategi bat ({ $reason }). Zerbitzariaren ziurtagiria izan behar du, eta ondoren tarteko ziurtagiriak, bakoitza «-----BEGIN CERTIFICATE-----» eta «-----END CERTIFICATE-----» artean.
cli-tls-key-not-pem = { $path } ez da PEM gako pribatuko fitxategi bat ({ $reason }). Zifratu gabeko gako bat izan behar du, «-----BEGIN PRIVATE KEY-----» (edo RSA PRIVATE KEY, EC PRIVATE KEY) lerro baten eta bere END lerroaren artean.
cli-tls-rejected = { $certificate } TLS ziurtagiria eta { $key } gakoa ezin dira batera erabili: { $reason }. Gakoak fitxategiko lehen ziurtagiriaren gako pribatua izan behar du.
