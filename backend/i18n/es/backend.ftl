# Mensajes de error de la API (español).
error-bad-request = No se ha podido entender la petición. Revisa su formato y el tipo de contenido.
error-validation-failed = Algunos campos no son válidos.
error-unauthorized = Tienes que iniciar sesión.
error-invalid-credentials = Usuario o contraseña incorrectos.
error-invalid-trigger-token = El token de disparo de esta tarea falta o es incorrecto.
error-csrf-header-missing = A esta petición le falta su cabecera de seguridad. Recarga la página y vuelve a intentarlo.
error-forbidden = No tienes permiso para hacer esto.
error-not-found = No existe o se ha eliminado.
error-conflict = Esto entra en conflicto con datos existentes.
error-rate-limited = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
error-method-not-allowed = Este método no está permitido aquí.
error-internal = Algo ha fallado en el servidor. Los detalles están en el registro del servidor.
error-database-unavailable = El servidor no puede acceder a su base de datos en este momento. Inténtalo de nuevo dentro de unos minutos.
error-invalid-path = Esta ruta no es válida dentro de una copia.
error-not-regular-file = Solo se pueden descargar ficheros normales; este es un fichero especial o un enlace.
error-preview-failed = No se ha podido preparar la vista previa de la restauración: el cliente no ha respondido como se esperaba. Los detalles están en el registro.
error-restore-key-missing = Las restauraciones en este cliente no están habilitadas: su clave de restauración no está instalada en él. Para habilitarlas, instala la línea de la clave de restauración (en la página del cliente) en el authorized_keys de su usuario ssh.
error-run-in-progress = Hay una ejecución suya en cola o en marcha. Vuelve a intentarlo cuando termine.
error-run-finished = La ejecución ya ha terminado.
error-no-pending-host-key = Ninguna clave de host de este cliente espera ser aceptada.
error-protected-user = El primer administrador sigue siendo un administrador activo y no se puede eliminar.
error-own-account = No puedes eliminar tu propia cuenta.
error-no-free-name = No se ha encontrado un nombre libre para la copia. Cambia el nombre de alguna de las copias anteriores.
error-copied-read-only = Este cliente es una copia de otro servidor ElkarBackup y no se puede cambiar aquí. Hazte cargo de él para cambiarlo.
error-primary-unreachable = No se ha podido contactar con el servidor principal. Comprueba su dirección y que esté en marcha; los detalles están en el registro.
error-primary-refused = El servidor principal ha rechazado la petición: comprueba el token de replicación o si se ha revocado su acceso. Los detalles están en el registro.
error-host-key-pending = La clave de equipo ssh del servidor principal aún no se ha aceptado. Comprueba su huella y acéptala.
error-host-key-mismatch = La clave de equipo ssh del servidor principal ha cambiado desde que se aceptó. Puede que se haya reinstalado o que alguien lo esté suplantando.
error-second-factor-required = Escribe el código de tu aplicación de autenticación.
error-invalid-second-factor = Código incorrecto o ya utilizado. Escribe el código que muestra ahora la aplicación, o uno de tus códigos de recuperación.
error-two-factor-setup-required = Los administradores deben iniciar sesión con un segundo factor. Configura el inicio de sesión en dos pasos antes de hacer nada más.
error-two-factor-required = Los administradores deben mantener el inicio de sesión en dos pasos: lo exige la configuración.
error-two-factor-already-on = El inicio de sesión en dos pasos ya está activado. Para configurar otro móvil, desactívalo primero (hace falta un código) y vuelve a configurarlo.

validation-not-found = El elemento seleccionado no existe.
validation-directory-missing = El directorio no existe en el servidor.
validation-directory-not-writable = El servidor no puede escribir en este directorio.
validation-before-start = No puede ser anterior al inicio.
validation-outside-key-root = Fuera del directorio al que están limitadas las claves restringidas de este cliente. Elige una ruta dentro de él, o amplía el directorio de las claves en la página del cliente (e instala las líneas nuevas).
validation-invalid-code = Código incorrecto o ya utilizado.
validation-setup-not-started = Empieza primero la configuración: no hay ningún secreto esperando confirmación.
validation-not-enabled = El inicio de sesión en dos pasos no está activado.
validation-own-two-factor-first = Configura primero el inicio de sesión en dos pasos en tu propia cuenta.
validation-too-weak = Demasiado fácil de adivinar: { $reason ->
        [1] es una contraseña habitual o se parece a una.
        [2] una palabra sola, o tu nombre de usuario o tu correo, es fácil de adivinar.
        [3] los nombres y apellidos son fáciles de adivinar.
        [4] las fechas y los años son fáciles de adivinar.
        [5] las repeticiones y secuencias como «aaa», «abcabc» o «6543» son fáciles de adivinar.
        [6] las filas y figuras del teclado, como «qwerty», son fáciles de adivinar.
       *[0] necesita más caracteres, o menos previsibles.
    } Usa varias palabras sin relación entre sí, o una contraseña más larga.

## Las políticas iniciales, en el idioma de quien pregunta hasta que un administrador las edite.
policy-preset-default-name = Política predeterminada
policy-preset-default-description = Diaria de lunes a viernes a las 21:00 (se guardan 5), semanal los lunes (se guardan 4), mensual el día 1 (se guardan 12).
policy-preset-weekdays-three-times-name = Tres veces al día, de lunes a viernes
policy-preset-weekdays-three-times-description = A las 11:00, 14:00 y 17:00 de lunes a viernes (se guardan 3), diaria a las 11:00 (se guardan 5).
policy-preset-daily-name = A las 21:00, los 7 días de la semana
policy-preset-daily-description = Diaria a las 21:00 todos los días (se guardan 7).
policy-preset-weekdays-long-term-name = A las 21:00, de lunes a viernes, conservación a largo plazo
policy-preset-weekdays-long-term-description = Diaria de lunes a viernes a las 21:00 (se guardan 5), semanal los sábados (se guardan 4), mensual el día 28 (se guardan 22).
cli-postgres-blocked = El usuario del sistema «postgres» de PostgreSQL no puede entrar en { $dir }, así que no puede usar su clúster en { $cluster }. Elija un directorio de datos bajo /var/lib (por ejemplo --data-dir /var/lib/elkarbackup), o permita al usuario postgres entrar en { $dir } (por ejemplo setfacl -m u:postgres:x { $dir }).

## Notification e-mails: names and facts are inserted as text. The result words
## (`result-*`), the label "Problem" (`run-error`) and the explanations of error codes
## (`run-error-*`) are the web app's, so a mail says exactly what the run page says.
mail-subject = [ElkarBackup] { $result }: { $client } / { $job }
mail-event-run-failed = Fallo
mail-event-run-warning = Aviso
mail-event-run-ok = Correcto
mail-event-run-recovered = Recuperado
mail-kind-backup = Copia de seguridad
mail-kind-restore = Restauración
mail-intro = { $kind } de la tarea «{ $job }» del cliente «{ $client }»: { $result }.
mail-label-result = Resultado
mail-label-started = Inicio
mail-label-duration = Duración
mail-label-files = Ficheros
mail-label-bytes = Tamaño
mail-label-new-bytes = Datos nuevos
mail-label-log = Últimas líneas del registro
mail-no-log = La ejecución no escribió ningún registro.
mail-link = Abrir la ejecución en ElkarBackup
mail-test-subject = [ElkarBackup] Mensaje de prueba
mail-test-body = Este es un mensaje de prueba de ElkarBackup. Si puede leerlo, la configuración del correo funciona.
mail-late-subject = [ElkarBackup] Retrasada: { $client } / { $job }
mail-on-time-subject = [ElkarBackup] De nuevo al día: { $client } / { $job }
mail-late-intro = La tarea «{ $job }» del cliente «{ $client }» no tiene ninguna copia correcta más de { $hours } horas después de la que esperaba su política.
mail-on-time-intro = La tarea «{ $job }» del cliente «{ $client }» vuelve a tener una copia correcta.
mail-label-late-since = Retrasada desde
mail-link-job = Abrir la tarea en ElkarBackup
mail-digest-subject = [ElkarBackup] Resumen diario { $day }: { $problems ->
    [0] todo bien
    [one] 1 problema
   *[other] { $problems } problemas
}
mail-digest-intro = Lo que requiere tu atención del último día:
mail-digest-all-well = En el último día ninguna copia ha fallado ni ha dado avisos, y ninguna tarea está retrasada.
mail-digest-failed = Fallida
mail-digest-warning = Con avisos
mail-digest-late = Retrasada
mail-test-no-server = No hay ningún servidor de correo: rellena «Servidor SMTP» arriba y guarda antes los ajustes.

## `elkarbackup doctor`: one line per finding, "[status] subject: message", each message
## saying what was found and, when something is wrong, what to do about it.
doctor-status-ok = bien
doctor-status-note = nota
doctor-status-skipped = omitido
doctor-status-warning = aviso
doctor-status-problem = problema
doctor-check-postgres = PostgreSQL
doctor-check-database = Base de datos
doctor-check-rsync = rsync
doctor-check-ssh = ssh
doctor-check-location = Ubicación «{ $name }»
doctor-check-tls = HTTPS
doctor-check-time-zone = Zona horaria
doctor-check-clock = Reloj
doctor-postgres-programs-ok = { $programs }: encontrados en { $dir }.
doctor-postgres-not-installed = Los programas del servidor PostgreSQL (initdb, postgres) no están ni en /usr/lib/postgresql/*/bin ni en el PATH. Instálelos con apt-get install postgresql, o defina DATABASE_URL para usar un servidor PostgreSQL existente.
doctor-postgres-bin-dir-wrong = postgres_bin_dir es { $dir }, pero initdb y postgres no están allí. Ponga en él (o en ELKARBACKUP_POSTGRES_BIN_DIR) el directorio que los contiene, en Debian /usr/lib/postgresql/<versión>/bin, o quítelo para que ElkarBackup los busque.
doctor-postgres-programs-missing = No se encuentra { $missing } en { $dir }. Las copias nocturnas del catálogo y su recuperación necesitan pg_dump y pg_restore: instale los programas de PostgreSQL de esa versión (apt-get install postgresql), o ponga en postgres_bin_dir un directorio que los contenga todos.
doctor-postgres-client-missing = No se encuentra { $missing } (buscado en { $dir }). Las copias nocturnas del catálogo y su recuperación necesitan pg_dump y pg_restore: instálelos con apt-get install postgresql-client, o ponga su directorio en postgres_bin_dir.
doctor-postgres-no-user = El usuario del sistema «postgres» no existe, y el servidor ejecuta su clúster PostgreSQL como ese usuario cuando se inicia como root. Instale el paquete de Debian postgresql, que lo crea.
doctor-postgres-access-ok = El usuario «postgres» puede llegar a { $cluster }.
doctor-database-skipped = No se ha abierto por el problema anterior; no se han comprobado las ubicaciones ni el reloj del servidor de la base de datos.
doctor-database-url-ok = La base de datos de DATABASE_URL responde y su esquema está al día (PostgreSQL { $version }).
doctor-database-managed-ok = El clúster gestionado en { $cluster } responde y su esquema está al día (PostgreSQL { $version }).
doctor-database-url-failed = No se puede abrir la base de datos de DATABASE_URL: { $reason }. Compruebe que el servidor PostgreSQL está en marcha y acepta esta dirección, usuario y contraseña.
doctor-database-managed-failed = El clúster PostgreSQL gestionado no se ha abierto: { $reason }. Su registro está en { $log }.
doctor-database-query-failed = La base de datos se ha abierto pero no ha respondido: { $reason }.
doctor-rsync-ok = rsync { $version } ({ $program }).
doctor-rsync-missing = { $program } no funciona ({ $reason }). Instale rsync (apt-get install rsync), o ponga en rsync (ELKARBACKUP_RSYNC) el programa rsync.
doctor-rsync-unreadable = { $program } --version no dice qué versión es («{ $line }»). ElkarBackup necesita rsync { $minimum } o posterior: ponga en rsync (ELKARBACKUP_RSYNC) un rsync de verdad.
doctor-rsync-too-old = rsync { $version } ({ $program }) es anterior a { $minimum }, la versión más antigua con la que funciona ElkarBackup. Instale rsync { $minimum } o posterior (Debian 12 la tiene), o ponga en rsync (ELKARBACKUP_RSYNC) uno más nuevo.
doctor-rsync-cves = rsync { $version } ({ $program }): el proyecto original corrigió las vulnerabilidades publicadas en enero de 2025 (CVE-2024-12084, CVE-2024-12085, CVE-2024-12086, CVE-2024-12087, CVE-2024-12088, CVE-2024-12747) en la { $fixed }, pero las distribuciones también corrigen versiones anteriores: la 3.2.7-1+deb12u2 de Debian 12, por ejemplo, no está afectada. Consulte el aviso de seguridad de su distribución para el paquete instalado (dpkg -l rsync) y actualícelo si allí no está corregido.
doctor-ssh-ok = { $version }; ssh-keygen también está.
doctor-ssh-missing = ssh no funciona ({ $reason }). Lo necesitan las copias y restauraciones de clientes remotos: apt-get install openssh-client.
doctor-ssh-keygen-missing = ssh-keygen no funciona ({ $reason }). Con él se crea el par de claves de cada cliente: apt-get install openssh-client.
doctor-location-ok = { $dir }: se puede escribir; libre: { $space } % del espacio, { $inodes } % de los inodos.
doctor-location-skipped = { $dir }: inactiva, no se comprueba.
doctor-location-missing = { $dir } no existe. Monte su disco o cree el directorio, o desactive la ubicación en la página «Ubicaciones de copia»: hasta entonces, las copias a ella fallan.
doctor-location-not-directory = { $dir } no es un directorio. Asigne un directorio a la ubicación en la página «Ubicaciones de copia».
doctor-location-unreachable = No se puede examinar { $dir } ({ $reason }). Compruebe su disco o recurso de red y los permisos de los directorios superiores.
doctor-location-not-writable = No se puede escribir en { $dir } ({ $reason }). Compruebe que su disco no está montado como solo lectura y que el usuario con el que funciona ElkarBackup puede escribir allí.
doctor-location-full = { $dir }: solo está libre el { $space } % del espacio y el { $inodes } % de los inodos, y las copias no se inician por debajo del { $min } % (min_free_percent). Libere espacio en ella o lleve tareas a otra ubicación.
doctor-location-low = { $dir }: libre el { $space } % del espacio y el { $inodes } % de los inodos, menos del { $warn } %. Las copias se detienen por debajo del { $min } %: libere espacio o prevea un disco mayor.
doctor-tls-not-configured = Sin configurar: el servidor habla HTTP sin cifrar. Póngalo detrás de un proxy inverso HTTPS, o defina certificate y key en la sección [tls].
doctor-tls-ok = { $certificate } («{ $subject }») es válido hasta el { $date }, y { $key } es su clave.
doctor-tls-unreadable = No se puede leer { $path } ({ $reason }). Compruebe la ruta en la sección [tls] y que el usuario del servidor puede leer el archivo.
doctor-tls-no-certificate = { $path } no contiene ningún certificado PEM (un bloque «-----BEGIN CERTIFICATE-----»). Ponga en certificate el archivo PEM de la cadena de certificados, primero el del servidor.
doctor-tls-bad-certificate = No se puede leer el certificado de { $path } ({ $reason }). Sustitúyalo por una cadena de certificados PEM válida.
doctor-tls-no-key = { $path } no contiene ninguna clave privada PEM (PKCS#8, PKCS#1 o SEC1). Ponga en key el archivo de la clave privada del certificado.
doctor-tls-bad-key = No se puede leer la clave privada de { $path } ({ $reason }). Sustitúyala por la clave privada del certificado en PEM.
doctor-tls-not-yet-valid = El certificado de { $path } solo es válido a partir del { $date }. Compruebe el reloj del sistema, o use un certificado válido ahora.
doctor-tls-expired = El certificado de { $path } caducó el { $date }: los navegadores lo rechazan. Renuévelo y reinicie el servidor.
doctor-tls-expires-soon = El certificado de { $path } caduca el { $date } (días restantes: { $days }). Renuévelo antes y reinicie el servidor.
doctor-tls-key-mismatch = La clave de { $key } no es la del certificado de { $certificate }. Ponga en key la clave privada para la que se hizo el certificado.
doctor-tls-rejected = rustls no acepta el certificado { $certificate } con la clave { $key }: { $reason }.
doctor-time-zone-env = { $zone }, definida por ELKARBACKUP_TIME_ZONE; hora actual allí: { $now }.
doctor-time-zone-tz = { $zone }, tomada de la variable TZ; hora actual allí: { $now }.
doctor-time-zone-etc = { $zone }, tomada de /etc/timezone; hora actual allí: { $now }.
doctor-time-zone-file = { $zone }, tomada del archivo de configuración; hora actual allí: { $now }.
doctor-time-zone-default = { $zone }, la predeterminada (no hay zona horaria definida); hora actual: { $now }.
doctor-time-zone-differs = Las horas de las políticas están en { $zone } (no hay zona horaria definida), pero esta máquina está en { $machine } (/etc/localtime). Si las copias deben hacerse a las horas de { $machine }, ponga time_zone = "{ $machine }" en el archivo de configuración (o ELKARBACKUP_TIME_ZONE). Hora actual en { $zone }: { $now }.
doctor-clock-ok = El reloj del sistema coincide con el del servidor de la base de datos ({ $seconds } s de diferencia).
doctor-clock-skew = El reloj del sistema y el del servidor de la base de datos difieren en { $seconds } s, más de { $max } s. Las programaciones y la recuperación de las ejecuciones de un servidor caído comparan ambos: sincronice los relojes de las dos máquinas (NTP).
doctor-ntp-yes = Sincronizado por NTP.
doctor-ntp-no = Sin sincronizar: timedatectl dice NTPSynchronized=no. Active la sincronización horaria (timedatectl set-ntp true, o instale chrony o systemd-timesyncd).
doctor-ntp-unknown = No se sabe si NTP sincroniza el reloj (timedatectl no lo ha dicho).
doctor-summary-problems = { $n ->
    [0] Ningún problema.
    [one] 1 problema: ElkarBackup no funcionará bien hasta que se corrija.
   *[other] { $n } problemas: ElkarBackup no funcionará bien hasta que se corrijan.
}
doctor-summary-warnings = { $n ->
    [0] Ningún aviso.
    [one] 1 aviso.
   *[other] { $n } avisos.
}

## `elkarbackup recover`: reconstruir el catálogo desde las ubicaciones (el desastre del propio servidor).
recover-dump-used = Catálogo restaurado desde el volcado { $path }.
recover-no-dump = No se ha encontrado ningún volcado del catálogo en los directorios indicados: el catálogo se ha reconstruido solo con los metadatos de las instantáneas. No incluye usuarios, scripts, ajustes ni orígenes de replicación: vuelva a configurarlos.
recover-location-mapped = La ubicación «{ $name }» está ahora en { $dir }.
recover-location-created = Se ha añadido la ubicación «{ $name }» para { $dir }.
recover-location-missing = La ubicación «{ $name }» ({ $dir }) no estaba entre los directorios indicados y no está ahí: sus instantáneas no se pueden leer hasta que vuelva (recupere de nuevo incluyéndola, o cambie su directorio en la página Ubicaciones de copia).
recover-totals = Ahora en el catálogo — usuarios: { $users }, clientes: { $clients }, tareas: { $jobs }, instantáneas: { $snapshots }.
recover-no-users = Aún no hay ningún usuario: en su primer arranque el servidor crea el administrador «admin» y muestra su contraseña (también escrita en initial-admin-password, en el directorio de datos).
recover-from-metadata = Desde las instantáneas en disco — clientes recreados: { $clients }, tareas recreadas: { $jobs }, políticas recreadas: { $policies }, instantáneas añadidas: { $snapshots }.
recover-stale-rows = Instantáneas que el volcado listaba y ya no están en disco (se han quitado sus registros): { $n }.
recover-skipped = Instantáneas omitidas porque sus metadatos no describen su tarea (escritos por una versión anterior, o copiados de un primario por replicación): { $n }.
recover-unreadable = Directorios de instantáneas sin metadatos válidos, sin tocar: { $n }.
recover-keys-restored = Pares de claves ssh restaurados desde las ubicaciones: { $n }.
recover-no-new-keys = No ha hecho falta crear de nuevo ninguna clave ssh.
recover-new-keys = Estos tienen una clave ssh nueva, en la que aún no confían: añada cada línea al authorized_keys del cliente (para un origen de replicación, désela al primario como acceso de replicación):
recover-next = Inicie ahora el servidor (systemctl start elkarbackup).
recover-not-empty = El catálogo ya tiene { $clients } clientes y { $jobs } tareas. Recupere solo en una instalación nueva, o añada --force (entonces un volcado encontrado sustituye todo el catálogo).
recover-server-running = Otro programa está conectado a la base de datos del catálogo (¿un servidor en marcha?). Deténgalo primero (systemctl stop elkarbackup) y vuelva a intentarlo.
recover-not-a-directory = { $dir } no es un directorio.

## Built-in HTTPS and the path prefix (serve): start-up errors about the [tls] files.
cli-tls-certificate-unreadable = No se puede leer el certificado TLS { $path }: { $reason }. Revise «certificate» en la sección [tls] de la configuración (o ELKARBACKUP_TLS_CERTIFICATE) y que el usuario con el que se ejecuta el servidor pueda leer el archivo.
cli-tls-key-unreadable = No se puede leer la clave privada TLS { $path }: { $reason }. Revise «key» en la sección [tls] de la configuración (o ELKARBACKUP_TLS_KEY) y que el usuario con el que se ejecuta el servidor pueda leer el archivo.
cli-tls-certificate-not-pem = { $path } no es un archivo de certificados PEM ({ $reason }). Debe contener el certificado del servidor y después los certificados intermedios, cada uno entre «-----BEGIN CERTIFICATE-----» y «-----END CERTIFICATE-----».
cli-tls-key-not-pem = { $path } no es un archivo de clave privada PEM ({ $reason }). Debe contener una clave sin cifrar entre una línea «-----BEGIN PRIVATE KEY-----» (o RSA PRIVATE KEY, EC PRIVATE KEY) y su línea END.
cli-tls-rejected = El certificado TLS { $certificate } y la clave { $key } no se pueden usar juntos: { $reason }. La clave debe ser la clave privada del primer certificado del archivo.

## Engine performance (issue 17): phase marks in a run's log, after the bracketed mark.
run-phase-claim = Este servidor ha tomado la ejecución.
run-phase-preflight = Tarea, cliente, ubicación y política cargados; ejecución planificada.
run-phase-host-key = Clave de host fijada para la comprobación estricta de ssh.
run-phase-scripts = Scripts previos terminados.
run-phase-rsync-start = rsync iniciado.
run-phase-rsync-end = rsync terminado.
run-phase-publish = Instantánea escrita en disco y publicada.
run-phase-retention = Retención aplicada.
run-phase-finish = Resultado registrado.
