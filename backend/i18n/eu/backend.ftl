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
