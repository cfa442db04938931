# Aplicación web de ElkarBackup: textos en castellano.
# Cada clave debe existir también en en/ y eu/, y usarse en frontend/src.

## Marco de la aplicación

app-name = ElkarBackup
# Título de la pestaña del navegador; $page es el título de la página.
app-title = { $page } · ElkarBackup
loading = Cargando…
skip-to-content = Saltar al contenido principal
signed-in-as = Sesión iniciada como { $user }
save = Guardar
saving = Guardando…
cancel = Cancelar

## Selector de idioma (cada idioma, con su propio nombre)

lang-select-label = Idioma
language-eu = Euskara
language-es = Español
language-en = English
language-unset = Sin elegir
prefs-language-unset = Sin elegir (se muestra { $shown })

## Navegación

nav-label = Navegación principal
nav-toggle = Menú
nav-jobs = Tareas
nav-status = Estado
nav-policies = Políticas
nav-scripts = Scripts
nav-users = Usuarios
nav-logs = Registros
nav-group-config = Configuración
nav-settings = Ajustes
nav-notifications = Avisos
nav-preferences = Preferencias
nav-password = Cambiar contraseña
nav-tokens = Tokens de API
nav-about = Acerca de
nav-logout = Cerrar sesión

## Inicio de sesión

login-title = Iniciar sesión
login-subtitle = Servidor de copias de seguridad
login-username = Nombre de usuario
login-password = Contraseña
login-submit = Entrar
login-submitting = Entrando…
# Said on the login page itself, so that it follows the language chosen there.
login-failed = Nombre de usuario o contraseña incorrectos.

## Páginas provisionales y de error

not-found-title = Página no encontrada
not-found-body = No hay ninguna página en { $path }.
not-found-home = Ir a la lista de tareas
forbidden-title = Solo para administradores
forbidden-body = Necesitas el rol de administrador para ver esta página.

## Preferencias

prefs-language = Idioma
prefs-page-size = Filas por página
prefs-page-size-help = Cuántas filas muestran las listas en cada página, de 5 a 500.
prefs-page-size-invalid = Introduce un número entero entre 5 y 500.
prefs-saved = Se han guardado tus preferencias.

## Cambiar contraseña

password-current = Contraseña actual
password-new = Contraseña nueva
password-repeat = Repite la contraseña nueva
password-help = Al menos 12 caracteres, difíciles de adivinar.
password-mismatch = Las dos contraseñas nuevas no coinciden.
password-wrong-current = La contraseña actual no es correcta.
password-too-short = La contraseña nueva debe tener al menos 12 caracteres.
password-submit = Cambiar contraseña
password-changed = Se ha cambiado tu contraseña.

## Tokens de API

tokens-intro = Los tokens personales de API permiten que scripts y herramientas de monitorización usen la API de ElkarBackup en tu nombre. Envía el token en la cabecera «Authorization: Bearer <token>».
tokens-create-title = Nuevo token
tokens-name = Nombre
tokens-name-placeholder = p. ej., monitorización
tokens-name-required = Ponle un nombre al token.
tokens-create = Crear token
tokens-creating = Creando…
tokens-secret-title = Tu nuevo token de API
tokens-secret-warning = Copia este token ahora y guárdalo en un lugar seguro: no se volverá a mostrar.
tokens-secret-label = Nuevo token de API
tokens-copy = Copiar
tokens-copied = Se ha copiado el token al portapapeles.
tokens-copy-manual = El token está seleccionado: pulsa Ctrl+C para copiarlo.
tokens-secret-done = Hecho, ya lo he copiado
tokens-list-title = Tus tokens
tokens-empty = Todavía no tienes tokens de API.
tokens-col-name = Nombre
tokens-col-prefix = Empieza por
tokens-col-created = Creado
tokens-col-last-used = Último uso
tokens-col-actions = Acciones
tokens-never-used = Nunca
tokens-revoke = Revocar
tokens-revoke-confirm = ¿Revocar «{ $name }»? Los scripts que lo usan dejarán de funcionar.
tokens-revoke-yes = Sí, revocar
tokens-revoked = Se ha revocado el token.

## Acerca de

about-description = Un servidor de copias de seguridad para organizaciones enteras: copia los archivos de cualquier equipo accesible por ssh y rsync en instantáneas en disco, y conserva copias diarias, semanales y mensuales según tus políticas.
about-version = Versión del servidor
about-version-unknown = No disponible
about-licence-title = Licencia
about-licence = ElkarBackup es software libre: puedes redistribuirlo o modificarlo según los términos de la Licencia Pública General de GNU publicada por la Free Software Foundation, ya sea la versión 3 de la Licencia o (a tu elección) cualquier versión posterior.
about-warranty = Se distribuye con la esperanza de que sea útil, pero SIN NINGUNA GARANTÍA; ni siquiera la garantía implícita de COMERCIABILIDAD o IDONEIDAD PARA UN PROPÓSITO PARTICULAR. Consulta la Licencia Pública General de GNU para más detalles.
about-licence-link = Leer la Licencia Pública General de GNU, versión 3

## Fallos que el servidor no pudo explicar (si no, se muestra su propio mensaje traducido)

error-unknown = Algo ha fallado. Inténtalo de nuevo.
error-network = No se puede contactar con el servidor. Comprueba tu conexión e inténtalo de nuevo.
form-invalid = Algunos campos no son válidos. Revisa los mensajes junto a ellos.

## Problemas en un campo

field-error-required = Este campo es obligatorio.
field-error-too-short = Es demasiado corto.
field-error-too-long = Es demasiado largo.
field-error-out-of-range = Este valor está fuera del rango permitido.
field-error-taken = Este nombre ya está en uso.
field-error-invalid = Este valor no es válido.

## Ayudas comunes de los formularios

working = Procesando…
help-title = Ayuda
# Una entrada de una lista editada línea a línea: $line es su número de línea.
field-line = Línea { $line }: { $message }
unsaved-confirm = Hay cambios sin guardar. ¿Quieres salir de esta página y perderlos?

## Problemas detectados antes de enviar (con las palabras del servidor)

validation-required = Este campo es obligatorio.
validation-too-short = Debe tener al menos { $min } caracteres.
validation-too-long = Debe tener como máximo { $max } caracteres.
validation-out-of-range = Debe estar entre { $min } y { $max }.
validation-invalid = Este valor no es válido.
validation-not-allowed = Esta opción no está permitida.
validation-duplicate = Este nombre ya está en uso.
validation-time-format = Usa el formato de 24 horas HH:MM, por ejemplo 21:00.
validation-mismatch = Los valores no coinciden.
edit = Editar
delete = Eliminar
clone = Clonar
never = Nunca
inactive = Inactivo
run-now = Ejecutar ahora

## Paginación

pager-label = Páginas
pager-first = Primera
pager-prev = Anterior
pager-next = Siguiente
pager-last = Última
pager-status = Página { $page } de { $pages } ({ $total } en total)

## Nombres de valores

result-ok = Correcto
result-warning = Aviso
result-failed = Fallo
result-aborted = Interrumpido
result-none = Sin ejecutar
connection-local-short = Este servidor
level-hourly = Durante el día
level-daily = Diario
level-weekly = Semanal
level-monthly = Mensual
level-yearly = Anual
keep-hourly = { $count } durante el día
keep-daily = { $count } diarias
keep-weekly = { $count } semanales
keep-monthly = { $count } mensuales
keep-yearly = { $count } anuales

## Tareas (página principal)

jobs-add-client = Añadir cliente
jobs-priorities = Prioridad de las tareas
jobs-search = Buscar clientes por nombre
jobs-bulk-label = Con las filas seleccionadas:
jobs-bulk-run = Ejecutar ahora
jobs-bulk-delete = Eliminar
jobs-add-job = Añadir tarea
jobs-empty = Todavía no hay clientes. Añade el primero con «Añadir cliente».
jobs-no-match = Ningún nombre de cliente contiene este texto.
select-all = Seleccionar todos los clientes y tareas de esta página
jobs-card-select-all = Seleccionar todo
select-client = Seleccionar el cliente { $name }
select-job = Seleccionar la tarea { $name }
col-id = Id
col-name = Nombre
col-source = Origen
col-last-result = Último resultado
col-last-run = Última ejecución
col-size = Tamaño
col-actions = Acciones
quota-of = { $used } de { $quota } ({ $percent } %)
client-cloned = Se ha creado la copia «{ $name }», con copias de sus tareas.
delete-client-title = ¿Eliminar el cliente «{ $name }»?
delete-job-title = ¿Eliminar la tarea «{ $name }»?
delete-items-title = ¿Eliminar los { $count } elementos seleccionados?
delete-clients-intro = Se eliminarán estos clientes, con todas sus tareas:
delete-client-no-jobs = sin tareas
delete-client-jobs = { $count ->
    [one] 1 tarea: { $jobs }
   *[other] { $count } tareas: { $jobs }
}
delete-jobs-intro = Se eliminarán estas tareas:
delete-backups-warning = También se borrarán todas sus copias de las ubicaciones de copia (en segundo plano). No se puede deshacer.
deleted-count = { $count ->
    [one] Se ha eliminado 1 elemento. Sus copias se están borrando en segundo plano.
   *[other] Se han eliminado { $count } elementos. Sus copias se están borrando en segundo plano.
}

## Comunes a los formularios del catálogo

description = Descripción
advanced = Avanzado
saved = Se han guardado los cambios.
back-to-list = Volver a la lista
download = Descargar
max-parallel-jobs = Tareas simultáneas
copy = Copiar
copy-done = Copiado al portapapeles.
copy-manual = El texto está seleccionado: pulsa Ctrl+C para copiarlo.
scripts-none-allowed = Aún no hay ningún script que pueda usarse aquí. Los scripts los suben los administradores, que deciden dónde puede usarse cada uno.

## Formulario de cliente

client-new-title = Nuevo cliente
client-edit-title = Cliente «{ $name }»
client-not-saved = Guarda antes el cliente.
client-name = Nombre
client-connection = Conexión
client-kind = Cómo se accede
client-kind-ssh = rsync sobre ssh
client-kind-rsync = Servidor rsync (daemon)
client-kind-local = Un directorio de este servidor
client-user = Usuario ssh
client-daemon-user = Usuario del demonio
client-daemon-user-help = Para un módulo con «auth users» en rsyncd.conf. Déjalo vacío para un módulo abierto.
client-daemon-password = Contraseña del demonio
client-daemon-password-set = Hay una contraseña guardada. Deja esto vacío para mantenerla. Se pasa a rsync en su entorno, nunca en una línea de órdenes.
client-daemon-password-unset = No hay ninguna contraseña guardada. Se guarda en el servidor y se pasa a rsync en su entorno; no se vuelve a mostrar.
client-daemon-password-forget = Borrar la contraseña guardada
client-host = Nombre o dirección del equipo
client-port = Puerto
client-local-note = Las tareas de este cliente copian directorios del propio servidor de copias; no se usa ninguna conexión de red.
client-active = Activo (se copia según lo programado)
client-owner = Propietario
client-owner-default = Por defecto (quien lo crea)
client-quota = Cuota
client-quota-unit = Unidad
client-quota-hint = Déjala vacía para no poner límite.
client-pre-scripts = Scripts antes de sus tareas
client-post-scripts = Scripts después de sus tareas
client-ssh-options = Opciones de ssh adicionales
client-ssh-options-hint = Una por línea, como Nombre=valor (por ejemplo ConnectTimeout=20).
client-rsync-options = Opciones de rsync adicionales
client-rsync-options-hint = Una por línea (por ejemplo --bwlimit=5000 o --compress).
client-jobs = Tareas de este cliente
client-no-jobs = Este cliente aún no tiene tareas. Añade una con «Añadir tarea».
client-size-title = Tamaño
client-size-total = Tamaño total
client-size-quota = Cuota
client-size-quota-line = Cuota: { $quota }
client-size-no-quota = Sin cuota: este cliente puede crecer sin límite.
client-size-quota-high = Supera el { $percent } % de la cuota: libere espacio o aumente la cuota.
client-size-history = Tamaño por día
client-size-empty = Aún no hay historial de tamaño: el tamaño del cliente se registra una vez al día.
client-key-title = Claves ssh de este cliente
client-key-intro = ElkarBackup se conecta a este cliente como { $user } con claves propias. Añade las líneas siguientes al archivo ~/.ssh/authorized_keys de ese usuario en el cliente, o ejecuta allí los comandos.
client-key-not-ssh = A este cliente no se accede por ssh, así que no necesita clave. La clave se conserva por si más adelante lo cambias a ssh.
client-public-key = Clave pública
client-authorized-line = Clave de copia: línea para authorized_keys
client-authorized-line-help = «restrict» impide el reenvío de puertos, del agente y de X11 y el uso de terminales; rsync no los necesita.
client-install-command = Comando para instalarla
client-install-command-help = Ejecútalo en el cliente como { $user }: añade la línea a ~/.ssh/authorized_keys y crea el archivo si hace falta.
client-key-regenerate = Generar una clave nueva
client-key-regenerate-title = ¿Generar una clave nueva para este cliente?
client-key-regenerate-body = La clave actual deja de funcionar en el acto: las copias de este cliente fallarán hasta que se instale en él la clave nueva.
client-authorized-line-help-rrsync = La clave solo puede leer, a través de rrsync (incluido en rsync 3.2.4 y posteriores, /usr/bin/rrsync en Debian), y solo dentro del directorio de las claves: quien la robe no obtiene un intérprete de órdenes, no puede escribir ni reenviar puertos.
client-key-plain-recommend = La clave de este cliente da al servidor un intérprete de órdenes en el cliente. Recomendado: elige «Restringidas (rrsync)» en Conexión y guarda, instala las líneas que aparecen aquí en lugar de la actual y prueba la conexión. Los scripts que ejecutan órdenes en el cliente por ssh necesitan la clave simple.
client-restore-title = Clave de restauración
client-restore-intro = Las restauraciones en este cliente usan una segunda clave que solo puede escribir. Instálala solo donde quieras restaurar en este cliente: sin ella, las restauraciones aquí se rechazan y no se escribe nada.
client-restore-none = Este cliente aún no tiene clave de restauración.
client-restore-line = Clave de restauración: línea para authorized_keys
client-restore-line-help = La clave solo puede escribir, a través de rrsync, dentro del directorio de las claves: no puede leer ningún archivo del cliente.
client-restore-create = Crear una clave de restauración
client-restore-create-title = ¿Crear una clave de restauración para este cliente?
client-restore-regenerate = Generar una clave de restauración nueva
client-restore-regenerate-title = ¿Generar una clave de restauración nueva para este cliente?
client-restore-regenerate-body = Las restauraciones en este cliente funcionarán cuando la línea de la nueva clave de restauración esté instalada en él; una clave de restauración anterior deja de funcionar en el acto.
client-key-mode = Claves en el cliente
client-key-mode-rrsync = Restringidas (rrsync)
client-key-mode-plain = Clave simple (intérprete de órdenes)
client-key-mode-help = Las claves restringidas son más seguras: las copias solo leen, las restauraciones usan otra clave que solo escribe y el servidor no puede ejecutar órdenes en el cliente. Cámbialo solo junto con las líneas instaladas en el cliente.
client-key-root = Directorio al que se limitan las claves
client-key-root-help = «/» para todo el sistema, o el directorio que contiene las rutas de los trabajos de este cliente, como /home. Los trabajos y las restauraciones deben quedar dentro de él. Con un directorio distinto de «/», rrsync no deja que las restauraciones creen archivos de dispositivo, FIFO ni sockets.
key-state-missing = no instalada
key-state-unrestricted = sin restricciones (un intérprete de órdenes)
key-state-read-only = solo lectura
key-state-write-only = solo escritura
key-state-read-write = lee y escribe
key-state-broken = instalada, pero rsync no puede funcionar con ella (¿está instalado rrsync y existe el directorio?)
client-test-backup-key = Clave de copia: { $state }
client-test-restore-key = clave de restauración: { $state }
client-test-key-unrestricted = La clave de copia puede ejecutar cualquier orden en el cliente. Usa claves restringidas: elige «Restringidas (rrsync)» en Conexión si hace falta e instala las líneas del panel de claves.
client-test-backup-key-writes = La clave de copia también puede escribir en el cliente: instala la línea de solo lectura (rrsync -ro) del panel de claves.
client-test-restore-key-reads = La clave de restauración también puede leer los archivos del cliente: instala la línea de solo escritura (rrsync -wo) del panel de claves.
run-error-restore-key-missing = Las restauraciones en este cliente no están habilitadas: su clave de restauración no está instalada en él. Instala la línea de la clave de restauración desde la página del cliente.
run-error-outside-key-root = La ruta está fuera del directorio al que se limitan las claves restringidas de este cliente.
run-error-key-mode-mismatch = La línea instalada en el cliente no coincide con la configuración de claves del cliente: instala las líneas que aparecen en esta página, o cambia «Claves en el cliente».
settings-key-from = Dirección de este servidor vista desde los clientes
settings-key-from-hint = Direcciones, redes o nombres de equipo separados por comas. Vacío: las líneas de las claves no llevan from=.
settings-help-key-from = Si se indica, cada línea de clave de cliente lleva from="…": una clave copiada de este servidor se rechaza desde cualquier otro sitio. Tras cambiarlo, instala las líneas nuevas en los clientes.
host-key = Clave de equipo del cliente:
host-key-unknown = aún no vista (se registra en la primera conexión).
host-key-pending = vista, pendiente de aceptar.
host-key-accepted = aceptada; las conexiones la comprueban estrictamente.
client-help-intro = Un cliente es un equipo cuyos archivos se copian. Cada cliente tiene una o más tareas, una por cada directorio que copiar.
client-help-name = Un nombre único para reconocer el cliente, por ejemplo el nombre del equipo. Hasta 100 caracteres.
client-help-description = Notas libres para las personas: dónde está la máquina, a quién llamar, qué contiene.
client-help-kind = «rsync sobre ssh»: lo habitual para equipos Linux, macOS y Windows con servidor ssh y rsync. «Servidor rsync»: el cliente ejecuta un servidor rsync (equipo::módulo); la ruta de origen de la tarea empieza entonces por el nombre del módulo. «Un directorio de este servidor»: copia directorios locales, por ejemplo un recurso de red montado.
client-help-user = La cuenta con la que ElkarBackup entra en el cliente. Debe poder leer todo lo que copian las tareas (a menudo root). Letras, cifras, puntos, guiones y guiones bajos; no puede empezar por guion.
client-help-daemon-login = Solo para clientes demonio rsync. Si el rsyncd.conf del módulo tiene «auth users» y un «secrets file», indica uno de esos usuarios y su contraseña. La contraseña se guarda en el servidor, no se vuelve a mostrar y se pasa a rsync en la variable de entorno RSYNC_PASSWORD, así que nunca aparece en la lista de procesos ni en un registro.
client-help-host = El nombre DNS o la dirección IP del cliente (IPv6 entre corchetes). Sin espacios, y no puede empezar por guion.
client-help-port = El puerto de ssh (22 por defecto) o el del servidor rsync (873 por defecto).
client-help-active = Los clientes inactivos nunca se copian según la programación y aparecen en gris en la lista de tareas; sus copias se conservan.
client-help-owner = El usuario responsable del cliente. Los operadores solo ven y gestionan los clientes de los que son propietarios; solo los administradores pueden cambiar el propietario. Los avisos «al propietario» se envían a este usuario.
client-help-quota = El espacio máximo que deberían ocupar las copias del cliente, en MiB, GiB o TiB. La barra de tamaño de la lista de tareas se pone en rojo por encima del nivel de aviso que fija el administrador. Vacía significa sin límite.
client-help-max-parallel = Cuántas tareas de este cliente pueden ejecutarse a la vez (de 1 a 100). Deja 1 para equipos pequeños y conexiones lentas.
client-help-pre-scripts = Se ejecutan en el servidor de copias antes de que empiece la primera tarea de este cliente, por ejemplo para encender la máquina o hacer una instantánea. Si uno falla, esta vez no se ejecutan las tareas del cliente. Solo se ofrecen los scripts permitidos «antes de un cliente».
client-help-post-scripts = Se ejecutan en el servidor de copias después de la última tarea de este cliente, por ejemplo para liberar una instantánea. Solo se ofrecen los scripts permitidos «después de un cliente».
client-help-ssh-options = Ajustes de ssh adicionales, uno por línea como Nombre=valor. Solo se aceptan opciones inocuas (tiempos de espera, keep-alive, cifrados, intercambio de claves y similares); se rechazan las que podrían ejecutar comandos o debilitar la comprobación de la clave del equipo.
client-help-rsync-options = Opciones de rsync adicionales, una por línea, de una lista permitida: --bwlimit=, --compress (-z), --sparse, --one-file-system, --checksum, --max-size=, --min-size=, --compress-level=, --contimeout=, --skip-compress=, --iconv=, --block-size=, --whole-file, --no-whole-file, --ipv4, --ipv6, --ignore-errors, --omit-dir-times, y --rsync-path= con /ruta/absoluta/rsync, sudo rsync o sudo /ruta/absoluta/rsync (solo en modo de clave simple). Se pasan a rsync como argumentos separados, nunca a través de un shell.
client-help-key = Cada cliente tiene su propia clave ssh, creada con él. La parte privada nunca sale del servidor; instala la parte pública en el cliente. «Generar una clave nueva» la sustituye (por ejemplo, si el cliente ha sido comprometido). La clave de equipo del propio cliente se registra en la primera conexión y después debe coincidir.

## Formulario de tarea

choose = Elige…
job-late = Retrasada
job-late-since = Sin copia de seguridad correcta desde una ejecución prevista más su margen: retrasada desde { $when }
job-new-title = Nueva tarea del cliente «{ $client }»
job-edit-title = Tarea «{ $name }» del cliente «{ $client }»
job-not-saved = Guarda antes la tarea.
job-back = Volver al cliente
job-name = Nombre
job-source-path = Ruta de origen
job-path-hint-ssh = La ruta absoluta del directorio en el cliente, por ejemplo /home/ o /var/www/.
job-path-hint-daemon = El módulo de rsync, seguido opcionalmente de una ruta dentro de él, por ejemplo backup/ o backup/home/.
job-path-hint-local = La ruta absoluta del directorio en este servidor, por ejemplo /srv/share/.
job-policy = Política
job-location = Ubicación de copia
job-location-moved = Va a mover esta tarea a otra ubicación. Su próxima copia empezará allí una nueva serie de instantáneas (una copia completa si la ubicación está en otro disco). Las instantáneas tomadas hasta ahora se quedan donde están: se pueden seguir explorando y restaurando, y la política las elimina como siempre.
job-active = Activa (se ejecuta según la política)
job-notifications = Avisos
job-notify-admin = Enviar a los administradores
job-notify-owner = Enviar al propietario del cliente
job-notify-emails = Enviar también a estas direcciones
job-notify-emails-hint = Una dirección de correo por línea.
job-notify-threshold = Qué ejecuciones avisar
notify-all = Todas
notify-warning = Avisos y fallos
notify-error = Solo fallos
notify-none = Ninguna
job-notify-mode = Si una tarea sigue fallando
notify-mode-changes = Avisar del primer fallo y de la recuperación
notify-mode-every = Avisar de cada fallo
job-late-grace = Retrasada tras (horas)
job-late-grace-hint = La tarea está retrasada cuando, pasadas estas horas desde la última ejecución prevista por su política, no tiene ninguna copia correcta.
job-pre-scripts = Scripts antes de la tarea
job-post-scripts = Scripts después de la tarea
job-exclude = Excluir
job-include = Incluir
job-patterns-policy = Vacío: se usan los patrones de la política ({ $patterns }).
job-patterns-policy-none = Vacío: se usan los patrones de la política (no tiene).
job-local-permissions = Reescribir los permisos para que todos puedan leer las copias
job-permissions-rewritten-warning = Los permisos se reescriben: los archivos restaurados no recuperarán sus permisos originales, y los archivos privados pasan a ser legibles por todos.
job-priority = Prioridad
job-token-title = Token de disparo
job-token-intro = Con un token de disparo, otro sistema (una herramienta de monitorización, un script al final de un volcado de base de datos) puede iniciar esta tarea con una sola petición HTTPS, sin cuenta de usuario.
job-token-set = Esta tarea tiene un token de disparo. Solo se mostró al crearlo.
job-token-none = Esta tarea no tiene token de disparo.
job-token-create = Crear un token
job-token-replace = Sustituir el token
job-token-remove = Quitar el token
job-token-value = Nuevo token de disparo
job-token-command = Comando que inicia la tarea
job-token-upstream = Lo mismo con la dirección de ElkarBackup 2.x (para los crontab traídos de allí)
job-token-replace-title = ¿Sustituir el token de disparo?
job-token-replace-body = El token actual deja de funcionar en el acto; hay que dar el nuevo a los sistemas que lo usan.
job-token-remove-title = ¿Quitar el token de disparo?
job-token-remove-body = Los sistemas que usan el token ya no podrán iniciar esta tarea.
delete-job-body = También se borrarán todas las copias de esta tarea de su ubicación de copia (en segundo plano). No se puede deshacer.
job-help-intro = Una tarea copia un directorio de un cliente. Cuándo se ejecuta y cuántas copias se guardan lo decide su política.
job-help-name = Un nombre para las personas, por ejemplo «home» o «bases de datos». Hasta 100 caracteres; dos tareas de un cliente pueden llamarse igual, pero queda más claro si no.
job-help-description = Notas libres: qué contiene el directorio, a quién preguntar antes de restaurar.
job-help-source-path = Qué copiar. Por ssh y en clientes locales, la ruta absoluta de un directorio (con barra final se copia su contenido). En servidores rsync, el nombre del módulo, seguido opcionalmente de una ruta. No puede empezar por guion.
job-help-policy = La programación y la retención: cuándo se ejecuta la tarea y cuántas instantáneas durante el día, diarias, semanales, mensuales y anuales se guardan. Muchas tareas comparten una política; cámbiala en la página Políticas.
job-help-location = El directorio del servidor de copias donde se guardan las instantáneas. Mover una tarea a otra ubicación empieza allí una serie nueva; las instantáneas antiguas se quedan donde están.
job-help-active = Las tareas inactivas no se ejecutan según la programación y aparecen en gris; sus instantáneas se conservan. Tampoco se ejecuta una tarea de un cliente inactivo.
job-help-notifications = Quién recibe un correo tras cada ejecución: todos los administradores, el propietario del cliente y las direcciones adicionales.
job-help-threshold = Qué ejecuciones envían correo: todas, solo las que tienen avisos o fallos, solo los fallos o ninguna.
job-help-pre-scripts = Se ejecutan en el servidor de copias antes de empezar la copia, por ejemplo para volcar una base de datos en el cliente. Si uno falla, la tarea no se ejecuta y cuenta como fallida. Solo se ofrecen los scripts permitidos «antes de una tarea».
job-help-post-scripts = Se ejecutan en el servidor de copias después de la copia, sea cual sea su resultado; reciben el resultado en su entorno. Solo se ofrecen los scripts permitidos «después de una tarea».
job-help-exclude = Patrones de rsync de archivos y directorios que no se copian, uno por línea, por ejemplo *.tmp o /home/*/.cache/. Un patrón que empieza por / se ancla en la ruta de origen. Vacío: se usan los patrones de exclusión de la política. Los patrones no pueden empezar por guion.
job-help-include = Patrones de rsync de archivos que se copian aunque estén dentro de directorios excluidos, uno por línea. Vacío: se usan los patrones de inclusión de la política.
job-help-local-permissions = Desactivado (por defecto), cada instantánea es una copia exacta: permisos, propietarios, ACL y atributos extendidos como en el cliente, y una restauración los devuelve. Activado, rsync reescribe los permisos (--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx): los archivos restaurados no recuperarán sus permisos originales, y los archivos privados pasan a ser legibles por todos. El servidor no lo necesita para explorar, descargar ni restaurar.
job-help-priority = Las tareas que tocan a la vez empiezan por orden de prioridad. Cambia el orden en la página Prioridad de las tareas.
job-help-token = Un secreto que permite a otro sistema iniciar la tarea con POST /api/jobs/ID/trigger y la cabecera X-Trigger-Token. Se muestra una sola vez; si se pierde, sustitúyelo. Quítalo cuando ya no haga falta.

## Políticas

remove = Quitar
deleted = Se ha eliminado.
policies-intro = Una política indica cuándo se hacen las copias y cuántas instantáneas de cada nivel se guardan. Cada tarea sigue una política.
policy-new = Nueva política
policy-new-title = Nueva política
policy-edit-title = Política «{ $name }»
policy-col-keeps = Conserva
policy-col-jobs = Tareas que la usan
policy-name = Nombre
policy-schedule = Programación y retención
policy-schedule-intro = Activa los niveles que necesites. Las horas son las del reloj del servidor de copias.
policy-tab-problem = (tiene un problema)
policy-enabled = Usar el nivel «{ $level }»
policy-keep = Instantáneas que conservar
policy-times = Horas del día
policy-time-label = Hora { $number }
policy-time-remove-label = Quitar la hora { $number }
policy-add-time = Añadir una hora
policy-days-of-week = Días de la semana
policy-every-day = Si no marcas ninguno: todos los días.
policy-days-of-month = Días del mes
policy-every-day-of-month = Si no marcas ninguno: todos los días. Un día posterior al final del mes (el 31 en abril) significa su último día.
policy-months = Meses
policy-every-month = Si no marcas ninguno: todos los meses.
policy-patterns = Patrones por defecto de sus tareas
policy-preview-title = Qué hace esta política
policy-keeps = Conserva las copias más recientes: { $list }.
policy-keeps-nothing = No hay ningún nivel activado: no se copiaría nada.
policy-reach = La más antigua tendrá unos { $span }.
policy-first-level = El nivel «{ $level }» copia desde el cliente; los niveles mayores guardan copias más antiguas de él.
policy-next-runs = Próximas 10 ejecuciones
policy-browser-time = En la zona horaria de este navegador ({ $zone }); el servidor usa su propio reloj.
policy-no-runs = Esta programación no se ejecuta nunca.
span-days = { $count ->
    [one] 1 día
   *[other] { $count } días
}
span-weeks = { $count ->
    [one] 1 semana
   *[other] { $count } semanas
}
span-months = { $count ->
    [one] 1 mes
   *[other] { $count } meses
}
span-years = { $count ->
    [one] 1 año
   *[other] { $count } años
}
delete-used-by = La usan:
delete-policy-title = ¿Eliminar la política «{ $name }»?
delete-policy-body = Se elimina la política; las instantáneas no se tocan. No se puede eliminar una política que aún usan tareas: pásalas antes a otra política.
delete-script-title = ¿Eliminar el script «{ $name }»?
delete-script-body = El script se borra del servidor. No se puede eliminar un script asociado aún a clientes o tareas: desasócialo antes.
delete-location-title = ¿Eliminar la ubicación de copia «{ $name }»?
delete-location-body = La ubicación se quita de ElkarBackup; el directorio y sus archivos se quedan como están. No se puede eliminar una ubicación que aún usan tareas.
delete-user-title = ¿Eliminar el usuario «{ $name }»?
delete-user-body = El usuario ya no podrá iniciar sesión y sus tokens de API dejarán de funcionar. Sus clientes se conservan, sin propietario.
policy-help-intro = Una política es una programación más una regla de retención, que comparten las tareas que quieras. En cada hora prevista la tarea copia su origen una vez; esa copia se guarda como instantánea de los niveles que tocan a esa hora.
policy-help-name = Un nombre que diga qué hace la política, por ejemplo «Laborables a las 21:00, un año».
policy-help-description = Notas para las personas: cuándo usar esta política.
policy-help-levels = Hay cinco niveles: durante el día, diario, semanal, mensual y anual. El nivel activado más pequeño copia desde el cliente; los mayores guardan instantáneas más antiguas promoviendo copias del nivel inferior, así que una instantánea mensual es una diaria antigua que se guarda más tiempo.
policy-help-keep = Cuántas instantáneas del nivel se guardan; la más antigua se borra cuando llega una nueva. Los archivos sin cambios son enlaces duros compartidos entre instantáneas, así que guardar muchas ocupa poco disco.
policy-help-times = Cuándo se ejecuta el nivel, como HH:MM en formato de 24 horas y en la zona horaria del servidor. El nivel «durante el día» suele tener varias horas; los demás, una. Si una hora no existe un día (cambio al horario de verano), la ejecución se hace justo después del salto.
policy-help-days = Limita el nivel a algunos días de la semana, días del mes y meses. Si no marcas nada, significa «todos». Por ejemplo: semanal el domingo, mensual el día 1, anual el 1 de enero.
policy-help-preview = Las próximas ejecuciones tal como ocurrirían a partir de ahora, y qué se conserva. Se calcula en tu navegador y se muestra en su zona horaria.
policy-help-patterns = Patrones de exclusión e inclusión de rsync que usan las tareas de esta política que no tienen los suyos, uno por línea, por ejemplo *.tmp o /home/*/.cache/.

## Prioridad de las tareas

priorities-title = Prioridad de las tareas
priorities-intro = Cuando varias tareas tocan a la vez, empiezan en este orden, de arriba abajo. Arrastra una tarea a su sitio, o usa los botones de flecha, y guarda.
priorities-moved = { $job } movida al puesto { $position } de { $total }.
priorities-saved = Se ha guardado el nuevo orden.
priorities-reset = Deshacer los cambios
priorities-empty = Todavía no hay tareas.
priorities-up-label = Subir { $job }
priorities-down-label = Bajar { $job }
priorities-help-intro = El orden solo importa cuando tocan más tareas de las que pueden ejecutarse a la vez (mira «Tareas simultáneas» de los clientes, las ubicaciones y los ajustes del servidor): las demás esperan, y las primeras de esta lista empiezan antes.
priorities-help-mouse-term = Con el ratón
priorities-help-mouse = Arrastra una fila por su asa y suéltala sobre la fila cuyo puesto debe ocupar.
priorities-help-keys-term = Con el teclado
priorities-help-keys = Ve a una fila con Tab y pulsa Alt+↑ o Alt+↓, o usa sus botones ↑ y ↓. Cada movimiento se anuncia a los lectores de pantalla.
priorities-help-save = Nada cambia hasta que guardas; el orden completo se guarda de una vez. «Deshacer los cambios» vuelve al orden guardado.
error-in-use = Todavía está en uso, así que no se puede eliminar.

## Scripts

scripts-intro = Los scripts son programas que se ejecutan en el servidor de copias antes o después de las copias de un cliente o de una tarea: para volcar una base de datos, hacer una instantánea, encender una máquina, enviar un informe.
library-title = Biblioteca de scripts
library-intro = Scripts listos para usar. Lee el código de un script y añádelo: pasa a ser uno de tus scripts, para asociarlo a clientes o tareas. Los ajustes que tenga un script están al principio: descárgalo, edítalos y vuelve a subirlo.
library-add = Añadir
library-add-named = Añadir { $name }
library-show-source = Ver el código
library-name-taken = Ya existe un script llamado { $name }: ábrelo desde la lista de arriba, o cámbiale el nombre para volver a añadir el de la biblioteca.
library-needs-plain-key = Ejecuta órdenes en el cliente por ssh: el cliente necesita el modo de clave simple (las claves restringidas solo ejecutan rsync).
library-fail-if-empty-name = Fallar si el origen está vacío
library-fail-if-empty-about = Detiene la copia cuando el directorio de origen falta o está vacío, como cuando su disco no está montado, para que una copia vacía nunca sea la instantánea más reciente.
library-mysql-dump-name = Volcado de MySQL / MariaDB
library-mysql-dump-about = Antes de la copia, vuelca todas las bases de datos en el directorio de origen de la tarea en el cliente (crea una tarea para un directorio de volcados, p. ej. /var/backups/mysql/).
library-postgresql-dump-name = Volcado de PostgreSQL
library-postgresql-dump-about = Antes de la copia, vuelca cada base de datos (formato propio de pg_dump) y los roles en el directorio de origen de la tarea en el cliente (p. ej. /var/backups/postgresql/).
library-lvm-snapshot-name = Instantánea LVM
library-lvm-snapshot-about = Antes de la copia, hace una instantánea de un volumen LVM y la monta en solo lectura en la ruta de origen de la tarea; después, la desmonta y la borra. Edita el volumen en el script.
library-windows-vss-name = Instantánea de Windows (VSS)
library-windows-vss-about = Antes de las tareas de un cliente Windows, crea una instantánea de volumen (Volume Shadow Copy) enlazada en C:\elkarbackup-vss; después, la borra. Apunta las tareas por debajo de ese enlace.
scripts-empty = Todavía no hay scripts.
script-new = Nuevo script
script-new-title = Nuevo script
script-edit-title = Script «{ $name }»
script-name = Nombre
script-uses = Puede ejecutarse
script-before = Antes
script-after = Después
script-of-client = De las copias de un cliente
script-of-job = De la copia de una tarea
script-use-client-pre = antes de un cliente
script-use-client-post = después de un cliente
script-use-job-pre = antes de una tarea
script-use-job-post = después de una tarea
script-use-nowhere = en ningún sitio todavía
script-file = Archivo del programa
script-file-replace = Sustituir el programa
script-file-hint = Elige el archivo que subir (como máximo 1 MiB).
script-file-current = El programa guardado ocupa { $size }. Elige un archivo solo para sustituirlo.
script-file-chosen = { $name } ({ $size }) se subirá al guardar.
script-too-big = Este archivo ocupa más de 1 MiB.
script-unreadable = No se ha podido leer el archivo.
script-used-by = Lo usan
script-unused = Ningún cliente ni tarea usa este script.
script-in-use = No se pueden eliminar los scripts en uso: desasócialos antes de sus clientes y tareas.
script-help-intro = Un script es un archivo ejecutable (un script de shell con su línea #!, o cualquier programa) que el servidor de copias ejecuta con los permisos del servicio ElkarBackup, nunca en el propio cliente salvo que se conecte a él.
script-help-name = Un nombre único, que también se usa como nombre de archivo al descargarlo. Sin barras.
script-help-description = Qué hace el script y qué necesita, para quien lo asocie.
script-help-uses = Dónde puede asociarse el script: antes o después de todas las tareas de un cliente, antes o después de una tarea. Los formularios de cliente y de tarea solo ofrecen los scripts permitidos allí.
script-help-file = El propio programa, hasta 1 MiB. Es obligatorio al crear un script; al editarlo, elige un archivo solo para sustituir el guardado.
script-help-env-term = Entorno
script-help-env = Los scripts reciben las variables de entorno ELKARBACKUP_* de las versiones anteriores de ElkarBackup, entre ellas ELKARBACKUP_LEVEL (CLIENT o JOB), ELKARBACKUP_EVENT (PRE o POST), ELKARBACKUP_ID, ELKARBACKUP_CLIENT_NAME, ELKARBACKUP_JOB_NAME, ELKARBACKUP_URL (el origen, por ejemplo root@equipo:/home/), ELKARBACKUP_PATH (dónde se guardan las instantáneas) y ELKARBACKUP_STATUS (el resultado, en los scripts de después: 0 significa éxito).
script-help-exit-term = Código de salida
script-help-exit = 0 significa éxito. Un script previo que falla detiene esas copias; un script posterior que falla marca la tarea como fallida. Que los scripts posteriores se ejecuten o no cuando falla uno previo es un ajuste del servidor.
script-help-used-by = Los clientes y tareas a los que está asociado este script. Un script en uso no se puede eliminar.

## Ubicaciones de copia

nav-locations = Ubicaciones de copia
locations-intro = Las ubicaciones de copia son los directorios de este servidor donde se guardan las instantáneas. Cada tarea guarda sus instantáneas en una ubicación.
location-new = Nueva ubicación
location-new-title = Nueva ubicación de copia
location-edit-title = Ubicación de copia «{ $name }»
location-name = Nombre
location-directory = Directorio
location-active = Activa (pueden guardarse copias nuevas aquí)
location-state = Estado
location-space = Espacio libre
location-inodes = Inodos libres
location-online = Disponible
location-offline = No disponible
location-read-only = Sin permiso de escritura
location-free-of = { $free } libres de { $total }
location-inodes-free = { $free } de { $total }
location-help-intro = Una ubicación de copia es un directorio del servidor de copias, en su propio disco o en un recurso de red montado, que guarda instantáneas.
location-help-name = Un nombre para las personas, por ejemplo «Disco principal» o «NAS».
location-help-directory = La ruta absoluta de un directorio existente en el que el servicio ElkarBackup pueda escribir. Se comprueba al guardar. Las instantáneas van a un subdirectorio por cliente y tarea.
location-help-max-parallel = Cuántas tareas pueden escribir a la vez en esta ubicación (de 1 a 100). Los discos lentos y los recursos de red funcionan mejor con pocas.
location-help-active = Las tareas de una ubicación inactiva no se ejecutan; sus instantáneas se conservan y se pueden seguir restaurando.
location-help-state = Se comprueba al mostrar la lista: si el directorio existe y se puede escribir, y cuánto espacio y cuántos inodos (archivos) quedan libres. Si una ubicación deja de estar disponible, sus tareas fallan hasta que vuelva.

## Usuarios

role-admin = Administrador
role-operator = Operador
user-new = Nuevo usuario
user-new-title = Nuevo usuario
user-edit-title = Usuario «{ $name }»
user-username = Nombre de usuario
user-email = Correo electrónico
user-role = Rol
user-active = Activo (puede iniciar sesión)
user-active-yes = Activo
user-protected = Es el primer administrador: no se puede eliminar, degradar ni desactivar.
user-is-you = No puedes eliminar tu propia cuenta.
user-password-reset = Poner una contraseña nueva
user-password-keep = Deja ambos campos vacíos para mantener la contraseña actual. Al menos 8 caracteres.
user-help-intro = Los usuarios inician sesión en esta aplicación web y en la API. Los administradores lo gestionan todo; los operadores, solo los clientes de los que son propietarios.
user-help-username = El nombre para iniciar sesión: letras, cifras, puntos, guiones, guiones bajos y @, hasta 64 caracteres. Debe ser único.
user-help-email = Adónde se envían los avisos para este usuario (por ejemplo, como propietario de un cliente). Opcional.
user-help-role = Administrador: todos los clientes, tareas, políticas, scripts, ubicaciones, usuarios y ajustes. Operador: solo los clientes de los que es propietario y sus tareas; puede asociar scripts existentes, pero no gestionar scripts, ubicaciones, usuarios ni ajustes.
user-help-language = El idioma de la aplicación web y de los mensajes para este usuario. Sin elegir: su aplicación muestra el idioma de la página de inicio de sesión (el de su navegador, o el que elija allí) hasta que elija uno. Cada usuario puede cambiarlo.
user-help-page-size = Cuántas filas muestran las listas en cada página, de 5 a 500. Cada usuario puede cambiarlo.
user-help-active = Los usuarios inactivos no pueden iniciar sesión y sus tokens de API dejan de funcionar. Sus clientes se conservan.
user-help-password = Obligatoria para un usuario nuevo. Al editar, rellénala solo para poner una contraseña nueva (por ejemplo, si el usuario ha olvidado la suya); cada usuario cambia la suya en la página «Cambiar contraseña».

## Ajustes

settings-mail = Servidor de correo
settings-mail-host = Servidor SMTP
settings-mail-tls = Cifrado
settings-tls-starttls = STARTTLS (normalmente el puerto 587)
settings-tls-tls = TLS desde el principio (normalmente el puerto 465)
settings-tls-none = Ninguno (solo para un relé en esta máquina o red)
settings-mail-user = Usuario SMTP
settings-mail-password = Contraseña SMTP
settings-mail-password-set = Hay una contraseña guardada. Deja esto vacío para mantenerla.
settings-mail-password-unset = No hay ninguna contraseña guardada.
settings-mail-password-forget = Borrar la contraseña guardada
settings-mail-from = Dirección del remitente
settings-instance-url = Dirección de este servidor
settings-log-retention = Guardar los registros durante (días)
settings-log-retention-hint = Vacío los guarda siempre. Los registros de auditoría tienen su propio límite.
settings-audit-retention = Guardar los registros de auditoría durante (días)
settings-quota-warning = Nivel de aviso de cuota (%)
settings-post-after-fail = Ejecutar los scripts posteriores a una tarea aunque haya fallado un script previo
settings-operators-restore = Los operadores pueden restaurar archivos en los clientes
settings-help-mail = El servidor SMTP que envía los avisos de las ejecuciones. Deja el servidor vacío para no enviar correo.
settings-help-tls = Cómo se protege la conexión con el servidor de correo. Usa STARTTLS o TLS siempre que el servidor no esté en esta máquina.
settings-help-password = Solo de escritura: no vuelve a mostrarse nunca. Déjala vacía para mantener la guardada; marca «Borrar la contraseña guardada» para enviar correo sin autenticación.
settings-help-from = La dirección From de los avisos, por ejemplo elkarbackup@example.org.
settings-help-url = La dirección con la que se accede a esta aplicación web, por ejemplo https://backup.example.org; se usa en los enlaces de los correos.
settings-help-retention = Una vez al día el servidor borra lo que tenga más de estos días: los registros (salvo los de auditoría), el historial de notificaciones ya enviadas o abandonadas y los ficheros de registro de las ejecuciones terminadas. Las ejecuciones en cola o en curso conservan sus ficheros, y las notificaciones pendientes se conservan. Los eventos de actualización en directo se guardan como mucho un día en cualquier caso. Vacío lo guarda todo siempre. El propio borrado queda registrado, con lo que se ha eliminado.
settings-help-audit-retention = Los registros de auditoría (quién ha iniciado sesión, qué ha cambiado o descargado y desde dónde) se guardan estos días, aparte de los demás registros, y después los borra la misma tarea diaria. 365 por defecto; vacío los guarda siempre.
settings-help-max-parallel = Cuántas copias pueden ejecutarse a la vez en todo el servidor (de 1 a 100). Los clientes y las ubicaciones tienen además sus propios límites.
settings-help-quota-warning = Un cliente cuyas copias ocupan más de este porcentaje de su cuota se muestra en rojo.
settings-help-post-after-fail = Cuando falla un script previo a una tarea, la tarea no se ejecuta. Marca esto para ejecutar de todos modos sus scripts posteriores (reciben el fallo), por ejemplo para limpiar lo que preparó el primero.
settings-help-operators-restore = Los administradores siempre pueden restaurar archivos en los clientes. Desmárcalo para que los operadores solo puedan descargar archivos de las instantáneas.
settings-default-language = Idioma de los correos a otras direcciones
settings-digest-time = Resumen diario a las
settings-digest-time-hint = Déjalo vacío para no enviar resumen.
settings-logs = Registros
settings-metrics-addresses = Direcciones que pueden leer /metrics
settings-metrics-addresses-hint = Una dirección IP o red por línea, por ejemplo 10.0.0.0/8. Vacío: solo los tokens de API de administradores.
settings-help-default-language = Los usuarios reciben los correos en su propio idioma; las demás direcciones de una tarea, en este.
settings-help-digest = Cada día a esta hora, los administradores reciben un correo con los fallos, los avisos y las tareas retrasadas del último día.
settings-help-metrics = Prometheus lee /metrics con un token de API de un administrador (Authorization: Bearer …) o, sin él, desde estas direcciones.
settings-mail-test-to = Enviar un correo de prueba a
settings-mail-test-hint = Usa los ajustes guardados: guarda antes tus cambios.
settings-mail-test-send = Enviar correo de prueba
settings-mail-test-sending = Enviando…
settings-mail-test-sent = El servidor de correo aceptó el mensaje: { $reply }
settings-mail-test-failed = No se envió el correo: { $error }
notifications-intro = Todos los correos y mensajes webhook sobre ejecuciones y tareas retrasadas, los más recientes primero. Los envíos fallidos se reintentan, esperando cada vez más.
notifications-all = Todos
notifications-all-jobs = Todas las tareas
notifications-empty = Todavía no hay avisos.
notifications-col-time = En cola desde
notifications-col-event = Mensaje
notifications-col-recipient = Destinatario
notifications-col-status = Estado
notifications-col-channel = Canal
notifications-col-answer = Última respuesta
notifications-run = ejecución #{ $id }
notifications-attempts = { $attempts } intentos
notifications-next-attempt = próximo intento { $time }
notification-status-pending = En espera
notification-status-sending = Enviando
notification-status-sent = Enviado
notification-status-failed = Fallido
notification-channel-email = Correo
notification-channel-webhook = Webhook
notification-event-run-failed = Copia fallida
notification-event-run-warning = Copia con avisos
notification-event-run-ok = Copia correcta
notification-event-run-recovered = La copia vuelve a funcionar
notification-event-job-late = Tarea retrasada
notification-event-job-on-time = Tarea al día de nuevo
notification-event-digest = Resumen diario
notification-event-test = Mensaje de prueba
view = Ver
policy-read-only = Solo los administradores pueden cambiar las políticas.

## Ayuda de las páginas de la cuenta

prefs-help-language = El idioma de esta aplicación web y de los mensajes del servidor para ti. Hasta que elijas uno, la aplicación muestra el idioma de la página de inicio de sesión. El selector de la parte superior de cada página también lo cambia.
prefs-help-page-size = Cuántas filas muestran las listas en cada página, de 5 a 500; en la lista de tareas se cuentan los clientes. Las páginas grandes tardan más en dibujarse.
password-help-current = Tu contraseña actual, para demostrar que eres tú.
password-help-new = Al menos 12 caracteres; una frase larga es fácil de recordar y difícil de adivinar. El servidor estima lo fácil que es adivinarla (sin conexión: no puede comprobar listas de contraseñas filtradas).
password-help-repeat = La contraseña nueva otra vez, para detectar errores al teclear.
tokens-help-name = Un nombre que diga dónde se usa el token, para saber más adelante cuál revocar.
tokens-help-use-term = Uso de un token
tokens-help-use = Envíalo en la cabecera «Authorization: Bearer <token>» de las peticiones a /api/…; actúa con tus permisos. Solo se muestra una vez, al crearlo.
tokens-help-revoke = Revocar detiene el token en el acto. Revoca los tokens que ya no uses o que puedan haberse filtrado.
more = Más

## Runs, snapshots and client checks
run-started = La copia ha empezado; su progreso se ve abajo.
run-already = Esta tarea ya se está ejecutando o está en cola.
jobs-run-none = No hay nada que ejecutar: no se ha elegido ninguna tarea activa.
jobs-run-started = { $count ->
    [one] Se ha iniciado 1 copia. Su resultado aparecerá aquí cuando termine.
   *[other] Se han iniciado { $count } copias. Sus resultados aparecerán aquí cuando terminen.
}
runs-title = Ejecuciones
runs-empty = Esta tarea aún no se ha ejecutado.
job-chart-title = Historial
job-chart-intro = { $count ->
    [one] La última ejecución terminada.
   *[other] Las últimas { $count } ejecuciones terminadas, de la más antigua a la más reciente.
}
job-chart-size = Tamaño de la instantánea
job-chart-new-bytes = Datos nuevos
job-chart-duration = Duración
job-chart-files = Ficheros
job-chart-empty = Aún no hay ejecuciones: los gráficos aparecerán tras la primera ejecución terminada.
job-chart-table = Cifras de las últimas ejecuciones
job-chart-table-show = Ver todas las cifras como tabla
runs-col-started = Inicio
runs-col-duration = Duración
runs-col-trigger = Iniciada por
runs-col-levels = Niveles
runs-col-result = Resultado
runs-col-files = Ficheros
runs-col-job = Tarea
run-job-name = «{ $name }» del cliente «{ $client }»
runs-log = Registro
run-title = Ejecución { $id }
run-error = Problema
run-finished = Fin
run-files-detail = { $files } ficheros, { $transferred } transferidos
run-bytes-detail = { $total } en total, { $transferred } transferidos
run-download-log = Descargar el registro
run-log-title = Registro
run-abort = Abortar
run-abort-title = ¿Abortar esta copia?
run-abort-body = rsync y los scripts de la tarea se detienen en el acto. Una ejecución abortada no publica nada; las instantáneas anteriores quedan como estaban.
run-state-queued = En cola
run-state-waiting = Esperando al cliente
run-state-pre-job = Ejecutando el script previo
run-state-running = Copiando
run-state-post-job = Ejecutando el script posterior
run-state-aborting = Abortando
run-state-finished = Terminada
run-trigger-schedule = Programación
run-trigger-manual = A mano
run-trigger-token = Token de disparo
run-trigger-api = API
run-error-unreachable = No se ha podido contactar con el cliente (red, nombre o puerto, o ssh no está en marcha).
run-error-host-key-unverified = La clave de equipo del cliente aún no se ha aceptado: compara su huella en la página del cliente y acéptala.
run-error-host-key-mismatch = La clave de equipo del cliente ha cambiado desde que se aceptó. Puede que se haya reinstalado o que alguien lo esté suplantando.
run-error-auth-refused = El cliente ha rechazado la clave ssh del servidor: instálala en el authorized_keys del cliente.
run-error-rsync-missing = rsync no está instalado en el cliente.
run-error-rsync-partial = Algunos ficheros no se han podido copiar (permisos o errores de lectura); mira el registro.
run-error-rsync-vanished-files = Algunos ficheros desaparecieron mientras se copiaban.
run-error-rsync-killed = rsync se detuvo antes de terminar.
run-error-rsync-failed = rsync ha fallado; mira el registro.
run-error-primary-unreachable = El servidor primario no ha respondido (error de red, TLS o HTTP); mira el registro.
run-error-primary-refused = El servidor primario ha rechazado el token de replicación: se ha revocado o no es correcto. Pide un acceso nuevo a su administrador.
run-error-replica-mismatch = La copia de la instantánea no coincide con los datos del primario (ficheros, bytes); no se ha publicado y se copiará de nuevo.
run-error-storage-error = El servidor no ha podido escribir la copia en su almacenamiento.
run-error-location-full = La ubicación de copias está llena.
run-error-location-unavailable = La ubicación de copias no está disponible (sin montar o sin permiso de escritura).
run-error-pre-script-failed = El script previo ha fallado, así que no se ha hecho la copia.
run-error-pre-script-timeout = El script previo ha tardado demasiado y se ha detenido.
run-error-post-script-failed = El script posterior ha fallado.
run-error-aborted = La ejecución se ha abortado.
run-error-interrupted = La ejecución se interrumpió porque el servidor se detuvo.
run-error-internal = El servidor ha fallado internamente; mira el registro del servidor.
run-error-job-deleted = La tarea se borró antes de que la ejecución pudiera empezar.
run-error-client-deleted = El cliente se borró antes de que la ejecución pudiera empezar.
run-error-location-missing = La ubicación de copias de la tarea ya no existe: elige otra en la tarea.
run-error-policy-missing = La política de la tarea ya no existe: elige otra en la tarea.
run-error-invalid-configuration = La configuración de la tarea no da un comando rsync válido (revisa la ruta de origen y los patrones).
run-error-rsync-not-started = No se ha podido arrancar rsync en el servidor.
run-error-post-script-timeout = El script posterior ha tardado demasiado y se ha detenido.
run-error-client-pre-script-failed = El script previo del cliente ha fallado, así que no se ha ejecutado ninguna de sus tareas en cola.
run-error-client-pre-script-timeout = El script previo del cliente ha tardado demasiado y se ha detenido; sus tareas en cola no se han ejecutado.
run-error-client-post-script-failed = El script posterior del cliente ha fallado.
run-error-client-post-script-timeout = El script posterior del cliente ha tardado demasiado y se ha detenido.
run-error-snapshot-missing = La instantánea que se quería restaurar ya no existe (puede que la retención la haya borrado).
run-error-restore-source-missing = La ruta que se quería restaurar no está en la instantánea.
run-error-invalid-path = La ruta que se quería restaurar no es válida.
run-error-restore-unsupported = Este cliente no puede recibir restauraciones (los clientes con demonio rsync no pueden).
run-error-preview-timeout = El cálculo de los cambios ha tardado demasiado.
run-error-rsync-max-delete = rsync dejó de borrar ficheros al llegar a su límite; algunos borrados no se han hecho.
run-error-rsync-partial-nothing-transferred = No se ha podido copiar ningún fichero (permisos o errores de lectura); mira el registro.
run-error-rsync-syntax = rsync ha rechazado su línea de órdenes (revisa los patrones y la ruta de origen de la tarea); mira el registro.
run-error-rsync-protocol-incompatible = El rsync del cliente es demasiado antiguo o incompatible con el del servidor.
run-error-rsync-file-selection = La ruta de origen no existe en el cliente, o los patrones no seleccionan nada.
run-error-rsync-unsupported = El rsync del cliente no admite una opción que necesita la copia (por ejemplo ACL o atributos extendidos).
run-error-rsync-start-failed = rsync no ha podido arrancar en el cliente.
run-error-rsync-socket-io = La conexión con el cliente se cortó durante la transferencia.
run-error-rsync-protocol-stream = El flujo de datos del cliente se cortó (conexión cerrada, o el inicio de sesión del cliente escribe texto).
run-error-rsync-interrupted = rsync se interrumpió antes de terminar.
run-error-rsync-timeout = No se ha movido ningún dato durante demasiado tiempo: el cliente o la red dejaron de responder.
run-error-rsync-daemon-timeout = El demonio rsync del cliente no ha respondido a tiempo.
run-error-daemon-auth-failed = El demonio rsync del cliente ha rechazado el inicio de sesión: revisa el usuario y la contraseña del demonio en los ajustes del cliente.
run-error-remote-shell-failed = El intérprete remoto del cliente ha fallado (no se ha podido ejecutar allí rsync o el intérprete).
snapshots-title = Instantáneas
snapshots-empty = Esta tarea aún no tiene instantáneas.
snapshots-col-time = Tomada
snapshots-col-new = Datos nuevos
snapshots-col-warnings = Avisos
client-host-title = Clave de equipo y conexión
client-test = Probar la conexión
client-testing = Probando…
client-test-ok = La conexión funciona: el servidor ha entrado y ha encontrado rsync.
client-test-ok-version = La conexión funciona: el servidor ha entrado y ha encontrado { $version }.
client-test-rsync-unfixed = Este rsync es anterior a 3.4.0, la primera versión original con las correcciones de las vulnerabilidades publicadas en enero de 2025 (de CVE-2024-12084 a CVE-2024-12088). Las distribuciones también corrigen versiones anteriores (por ejemplo, la 3.2.7-1+deb12u2 de Debian 12): consulta los avisos de seguridad del cliente y actualiza su paquete rsync si allí no está corregido.
client-test-failed = La conexión no funciona. { $reason }
client-host-accept = Aceptar esta clave
client-host-accept-title = ¿Aceptar la clave de equipo del cliente?
client-host-accept-body = Asegúrate de que es realmente tu cliente: ejecuta en él la orden de abajo y comprueba que muestra la misma huella. A partir de ahora las conexiones rechazarán cualquier otra clave.

## Estado: la cola con el progreso en directo y el estado de los clientes
queue-title = Cola
queue-empty = No hay nada en cola ni en marcha.
queue-col-client = Cliente
queue-col-state = Estado
queue-col-progress = Progreso
queue-col-rate = Velocidad
queue-col-eta = Tiempo restante
queue-col-file = Fichero actual
queue-col-elapsed = En marcha desde hace
queue-rate = { $size }/s
queue-progress-files = { $done } de { $total } ficheros, { $size }
queue-progress-bytes = { $size } copiados
queue-progress-starting = Empezando…
queue-abort-label = Abortar la copia de { $client } / { $job }
queue-abort-which = { $client } / { $job }
live-on = En directo: esta página se actualiza sola.
live-off = Reconectando… Las listas se actualizarán cuando vuelva la conexión.
client-states-title = Clientes
client-states-empty = Ningún cliente está ocupado.
client-states-col-runs = Ejecuciones sin terminar
client-states-col-since = Desde
client-state-idle = Inactivo
client-state-queued = En cola
client-state-pre-client = Ejecutando el script previo del cliente
client-state-running = Haciendo copias
client-state-post-client = Ejecutando el script posterior del cliente
client-state-error = Fallo
client-error-pre-script-failed = El script previo del cliente ha fallado, así que sus tareas no se han ejecutado.
client-error-pre-script-timeout = El script previo del cliente ha tardado demasiado y se ha detenido; sus tareas no se han ejecutado.
client-error-post-script-failed = El script posterior del cliente ha fallado.

## Snapshot browser and restore
close = Cerrar
snapshots-browse = Explorar
browse-title = Instantánea { $snapshot }
browse-root-pending = Instantánea n.º { $id }
browse-crumbs = Ubicación en la instantánea
browse-download-here = Esta carpeta:
browse-restore-here = Restaurar esta carpeta…
browse-search = Buscar nombres en esta carpeta
browse-keys = Teclas: ↑ ↓ eligen una fila, Intro abre una carpeta o descarga un archivo, Retroceso sube un nivel.
browse-truncated = La búsqueda se detuvo antes de terminar: hay más coincidencias que las mostradas. Busque en una carpeta más pequeña.
browse-no-hits = Ningún nombre coincide con la búsqueda.
browse-empty = Esta carpeta está vacía.
browse-col-mtime = Modificado
browse-col-mode = Permisos
browse-versions = Versiones
browse-restore = Restaurar…
browse-download-tar-title = Descargar la carpeta como archivo .tar.gz
browse-download-zip-title = Descargar la carpeta como archivo .zip
entry-kind-file = Archivo
entry-kind-dir = Carpeta
entry-kind-symlink = Enlace simbólico
entry-kind-fifo = Tubería con nombre
entry-kind-socket = Socket
entry-kind-char-device = Dispositivo de caracteres
entry-kind-block-device = Dispositivo de bloques
versions-title = Versiones de { $name }
versions-unchanged = sin cambios
versions-unchanged-title = El mismo archivo que en la instantánea anterior (la de abajo)
versions-this = esta instantánea
restore-title = Restaurar { $name }
restore-everything = toda la instantánea
restore-client = Restaurar en el cliente
restore-target = Carpeta en el cliente
restore-target-placeholder = La ubicación original
restore-target-help = Déjelo vacío para restaurar donde se copió (bajo { $source }).
restore-mode = Cómo
restore-mode-new = En una carpeta nueva restore-<hora> dentro de ella (no se toca nada existente)
restore-mode-overwrite = Sobrescribir el original
restore-overwrite-warning = Los archivos del cliente con el mismo nombre se sustituyen por los de la instantánea.
restore-delete = Borrar los archivos que no están en la copia
restore-delete-help = Los archivos de la carpeta restaurada que no estén en la instantánea se borran del cliente.
restore-preview = Ver los cambios
restore-preview-title = Qué cambiaría
restore-destination = Destino:
restore-counts = { $creates } por crear, { $overwrites } por sobrescribir, { $attributes } con otros atributos, { $deletes } por borrar.
restore-no-changes = No cambiaría nada.
restore-truncated = Solo se muestran los primeros cambios.
restore-rewritten-permissions = Esta instantánea se tomó con los permisos reescritos: los archivos restaurados no recuperarán sus permisos originales, y los archivos privados serán legibles por todos.
restore-change-create = Crear
restore-change-overwrite = Sobrescribir
restore-change-attributes = Atributos
restore-change-delete = Borrar
restore-submit = Restaurar
restore-queued = Ha empezado la restauración en { $destination }.
restore-run-link = Seguirla en su página de ejecución
restore-error-forbidden = No puede restaurar en este cliente.
run-kind = Restauración
run-kind-restore = Restauración
run-kind-replicate = Replicación
run-kind-label = Tipo
run-restore-detail = { $path } restaurado en { $destination }.
run-restore-snapshot = Abrir la instantánea

# The Logs page.
logs-col-time = Hora
logs-col-level = Nivel
logs-col-source = Origen
logs-col-what = Qué ocurrió
logs-col-client = Cliente
logs-col-job = Tarea
logs-col-run = Ejecución
logs-col-user = Usuario
logs-all-levels = Todos los niveles
logs-level-warning-error = Avisos y errores
logs-all-sources = Todos los orígenes
logs-all-clients = Todos los clientes
logs-all-jobs = Todas las tareas
logs-from = Desde (día)
logs-to = Hasta (día)
logs-live = En directo
logs-export = Exportar CSV
logs-clear = Quitar filtros
logs-only-run = Solo la ejecución #{ $id }
logs-only-user = Solo el usuario #{ $id }
logs-search = Buscar en códigos y detalles
logs-empty = Todavía no hay registros.
logs-no-match = Ningún registro cumple estos filtros.
# $address is the network address a request came from.
log-from-address = Desde { $address }
log-level-info = Información
log-level-warning = Aviso
log-level-error = Error
log-source-api = Web y API
log-source-run = Ejecuciones
log-source-scheduler = Planificador
log-source-dispatcher = Distribuidor
log-source-audit = Auditoría
log-source-notification = Notificaciones
log-source-system = Sistema
log-source-replication = Replicación
log-code-run-queued = Ejecución en cola
log-code-run-state = La ejecución cambió de estado
log-code-run-finished = Ejecución terminada
log-code-run-abort = Cancelación solicitada
log-code-run-recovered = Ejecución interrumpida recuperada
log-code-catch-up = Ejecuciones perdidas recuperadas
log-code-missed-skipped = Ejecuciones perdidas omitidas
log-code-schedule-due = Ejecuciones programadas en cola
log-code-download = Descarga
log-code-restore-preview-failed = Falló la vista previa de la restauración
log-code-login = Inicio de sesión
log-code-login-failed = Inicio de sesión fallido
log-code-logout = Cierre de sesión
log-code-created = Creado
log-code-updated = Modificado
log-code-deleted = Eliminado
log-code-run-aborted = Ejecución cancelada
log-code-restore-requested = Restauración solicitada
log-code-token-created = Token creado
log-code-token-revoked = Token revocado
log-code-password-changed = Contraseña cambiada
log-code-settings-changed = Configuración cambiada
log-code-host-key-accepted = Clave de equipo aceptada
log-code-retention = Registros antiguos eliminados
log-code-notification-failed = Aviso no entregado
log-code-job-late = Tarea retrasada
log-code-job-on-time = Tarea de nuevo al día
log-code-trigger-token-created = Token de disparo creado
log-code-trigger-token-revoked = Token de disparo revocado
log-code-key-regenerated = Par de claves del cliente regenerado
log-code-snapshot-pruned-before-copy = Instantánea eliminada en el primario antes de poder copiarla
log-code-catalog-dump-failed = No se pudo escribir el volcado del catálogo en una ubicación
log-code-catalog-dump-refused = Una ubicación guarda los volcados del catálogo de otro servidor: no se tocan
log-code-replication-window-closed = Ventana de transferencia cerrada: el resto espera a la siguiente replicación
log-code-replication-synced = Origen de replicación sincronizado
log-code-replication-job-skipped = Tarea del primario omitida por la replicación
log-code-replication-sync-failed = Ha fallado la sincronización del origen de replicación
log-code-taken-over = Cliente copiado asumido: ahora lo respalda este servidor
log-kind-client = cliente
log-kind-job = tarea
log-kind-policy = política
log-kind-script = script
log-kind-location = ubicación de copias
log-kind-user = usuario
log-kind-settings = configuración
log-kind-token = token
log-kind-snapshot = instantánea
log-kind-run = ejecución
log-kind-webhook = webhook
log-kind-replication-access = Acceso de replicación
log-kind-replication = Origen de replicación

## Webhooks
nav-webhooks = Webhooks
notifications-webhooks-link = Envía también estas notificaciones a ntfy, Gotify o cualquier dirección HTTP: webhooks
webhooks-intro = Direcciones que reciben un mensaje JSON cuando una copia de seguridad falla, termina con avisos, sale bien o vuelve a funcionar, y cuando una tarea se retrasa o vuelve a estar al día.
webhooks-empty = Todavía no hay webhooks.
webhook-new = Nuevo webhook
webhook-new-title = Nuevo webhook
webhook-edit-title = Webhook «{ $name }»
webhook-name = Nombre
webhook-url = URL
webhook-url-hint = Una dirección http:// o https://, p. ej. https://ntfy.example.org/backups
webhook-events = Eventos
webhook-event-help-run-failed = Se envía cuando una copia de seguridad o una restauración falla o se interrumpe.
webhook-event-help-run-warning = Se envía cuando una copia de seguridad termina con avisos (algunos ficheros no se pudieron copiar).
webhook-event-help-run-ok = Se envía tras cada copia de seguridad correcta.
webhook-event-help-run-recovered = Se envía cuando una tarea vuelve a salir bien después de un fallo.
webhook-event-help-job-late = Se envía cuando una tarea no tiene ninguna copia correcta pasada su ejecución prevista y el margen.
webhook-event-help-job-on-time = Se envía cuando una tarea retrasada vuelve a tener una copia correcta.
webhook-secret = Secreto
webhook-secret-set = Con secreto
webhook-secret-stored = Hay un secreto guardado. Déjalo vacío para conservarlo.
webhook-secret-unset = No hay ningún secreto guardado: los mensajes no se firman.
webhook-secret-forget = Eliminar el secreto guardado
webhook-active-label = Activo (le envía los eventos que quiere)
webhook-enabled = Activo
webhook-help-intro = Un webhook recibe un POST HTTP por cada evento que quiere; si falla, se vuelve a intentar más tarde.
webhook-help-url = Adónde se envían los mensajes. Sirve cualquier servicio HTTP que acepte un POST.
webhook-help-events = Los eventos que envían un mensaje a esta dirección. El ajuste de notificaciones de cada tarea decide qué ejecuciones notifican.
webhook-help-body-term = Cuerpo del mensaje
webhook-help-body = Un objeto JSON (Content-Type: application/json) con "event" (run_failed, run_warning, run_ok, run_recovered, job_late, job_on_time o test) y, cuando corresponde, "client", "job", "run_id", "kind", "result", "error_code", "started_at", "finished_at", "files", "bytes", "new_bytes", "url", "job_id" y "late_since".
webhook-help-secret = Con un secreto, cada mensaje lleva la cabecera X-ElkarBackup-Signature: sha256=<hex>, el HMAC-SHA256 del cuerpo exacto con el secreto como clave. Compruébalo en el receptor para saber que el mensaje es nuestro. El secreto no se vuelve a mostrar después de guardarlo.
webhook-help-services-term = ntfy, Gotify y otros
webhook-help-services = ntfy: usa la dirección del tema, p. ej. https://ntfy.example.org/backups. Gotify: https://gotify.example.org/message?token=<token de la aplicación>. También sirve cualquier otro servicio HTTP que acepte un POST JSON.
webhook-help-test = Envía un mensaje de prueba (evento "test") a la dirección guardada con el secreto guardado y muestra lo que respondió el servidor. Guarda antes los cambios.
webhook-test-title = Prueba
webhook-test-hint = Usa la dirección y el secreto guardados: guarda antes los cambios.
webhook-test-send = Enviar una prueba
webhook-test-sending = Enviando…
webhook-test-sent = El webhook aceptó el mensaje: { $reply }
webhook-test-failed = El mensaje no se entregó: { $error }
delete-webhook-title = ¿Eliminar el webhook «{ $name }»?
delete-webhook-body = El webhook deja de recibir mensajes y sus mensajes se borran del historial de notificaciones.

## Replication
nav-replications = Orígenes de replicación
nav-replication-accesses = Accesos de replicación
open = Abrir
copy-of = copia de { $primary }
copy-read-only = Copiado de { $primary }: aquí no se puede cambiar ni ejecutar. Sus instantáneas se pueden explorar, descargar y restaurar.
copy-source-link = Origen de replicación «{ $name }»
copy-no-run = Una copia no se respalda aquí: la replicación la copia de su primario.
take-over = Asumir
take-over-title = ¿Asumir este cliente?
take-over-body = El cliente pasa a ser un cliente normal de este servidor: las copias de seguridad continúan aquí, enlazadas al historial copiado hasta ahora, y la replicación deja de copiarlo.
take-over-keys = Después instala la clave pública de este servidor (se mostrará en esta página, con un botón para copiarla) en el authorized_keys del cliente, y acepta la clave de host del cliente con «Probar conexión».
take-over-warning = Hazlo solo cuando el primario se haya perdido o retirado. Si no, ambos servidores harán copia del cliente.
take-over-done = Cliente asumido. Instala en el cliente la clave de abajo, prueba la conexión y acepta su clave de host.
replication-accesses-intro = Las réplicas que pueden copiar las copias de seguridad de este servidor: cada una tiene un token de solo lectura para el catálogo y una clave ssh que solo puede leer las copias.
replication-access-new = Nuevo acceso de replicación
replication-accesses-empty = Todavía ninguna réplica puede copiar este servidor.
replication-access-used = Uso
replication-access-anywhere = cualquier dirección
replication-access-never-used = Nunca usado
replication-access-from-label = Desde
replication-access-revoked-at = Revocado { $when }
replication-access-created = Creado { $when }
replication-access-revoke = Revocar
replication-access-revoke-title = ¿Revocar el acceso de «{ $name }»?
replication-access-revoke-body = El token y la clave ssh dejan de funcionar en el acto: la réplica deja de copiar de este servidor. Conserva todas las instantáneas que ya ha copiado.
replication-access-revoked = Se ha revocado el acceso.
replication-access-name-hint = Un nombre para la réplica, p. ej. backup2.example.org.
replication-access-key = Clave pública de la réplica
replication-access-key-hint = Pega la clave que muestra la página del origen en la réplica (ssh-ed25519 AAAA… o ssh-rsa AAAA…).
replication-access-from = Dirección de origen
replication-access-from-hint = Opcional: solo desde esta dirección o red, p. ej. 192.0.2.7 o 192.0.2.0/24. Vacío: desde cualquier sitio.
replication-access-create = Crear acceso
replication-access-created-note = Se ha creado el acceso. Da al administrador de la réplica el token y el punto de acceso ssh de abajo.
replication-access-ssh-title = Para la réplica
replication-access-endpoint = Punto de acceso SSH (usuario@host:puerto)
replication-access-endpoint-hint = El formulario del origen en la réplica pide este host, puerto y usuario.
replication-access-line = Línea de authorized_keys instalada
replication-access-line-hint = El servidor ha escrito esta línea en el fichero authorized_keys que gestiona: la clave solo puede leer las copias, a través de rrsync.
replication-access-help-intro = Una réplica tira de las copias de este servidor: pide el catálogo con el token y copia las instantáneas con rsync sobre ssh. Este servidor nunca guarda una credencial de la réplica.
replication-access-help-key = La réplica muestra su clave pública en la página de su origen de replicación. Se instala con restrict y command="rrsync -ro …": solo lectura, sin shell ni reenvíos.
replication-access-help-from = sshd aceptará la clave solo desde esta dirección o red.
replication-access-help-paste-term = Qué pegar en la réplica
replication-access-help-paste = En el formulario del origen en la réplica: la dirección de este servidor como URL, el token (se muestra una vez) y el host, puerto y usuario ssh del punto de acceso.
replication-access-help-sshd-term = Configurar sshd
replication-access-help-sshd = sshd debe leer el fichero gestionado para el usuario del servicio, p. ej. «Match User elkarbackup» con «AuthorizedKeysFile» apuntando al fichero authorized_keys que el servidor gestiona en su directorio de datos. rrsync viene con el paquete rsync de Debian (/usr/bin/rrsync).
replication-access-help-revoke = Revocar detiene el token y la clave en el acto; la réplica conserva lo que ha copiado.
replications-intro = Los primarios que copia este servidor: trae sus instantáneas por ssh y guarda su propio historial de ellas.
replication-new = Nuevo origen de replicación
replications-empty = Este servidor todavía no copia ningún otro servidor.
replication-last-sync = Última sincronización
replication-access-last-used = Último uso: { $when }
replication-last-sync-at = Última sincronización: { $when }
replication-error-host-key-pending = La clave de host del primario está pendiente de aceptar.
replication-error-host-key-mismatch = La clave de host del primario ha cambiado: no coincide con la aceptada.
replication-last-error-label = Último error:
replication-never-synced = Nunca sincronizado
replication-clients-count = { $count ->
    [one] un cliente copiado
   *[other] { $count } clientes copiados
}
replication-edit-title = Origen de replicación «{ $name }»
replication-key-title = Esta réplica
replication-public-key = Clave pública de esta réplica para este origen
replication-public-key-hint = Dásela al administrador del primario (Accesos de replicación → Nuevo).
replication-copied-clients = Clientes copiados
replication-no-clients = Todavía no se ha copiado ningún cliente.
replication-key-badge-unknown = Clave de host aún no vista
replication-key-badge-pending = Clave de host por aceptar
replication-key-badge-accepted = Clave de host aceptada
replication-host-key-label = Clave de host del primario:
replication-host-key-unknown-hint = Pulsa «Replicar ahora» para verla y después acéptala aquí.
replication-host-accept-title = ¿Aceptar la clave de host del primario?
replication-host-accept-body = Asegúrate de que es realmente el primario: ejecuta en él el comando de abajo y comprueba que muestra la misma huella. A partir de ahora las conexiones rechazarán cualquier otra clave.
replication-run = Replicar ahora
replication-run-queued = { $runs ->
    [one] Una ejecución en cola
   *[other] { $runs } ejecuciones en cola
} para { $clients ->
    [one] un cliente copiado.
   *[other] { $clients } clientes copiados.
}
replication-run-status-link = Verlas en la página de Estado
replication-delete-title = ¿Borrar el origen de replicación «{ $name }»?
replication-delete-body = Este servidor deja de copiar del primario. Los clientes copiados y sus instantáneas se conservan: asúmelos o bórralos uno a uno.
replication-choose = (elige)
replication-token-stored = Hay un token guardado. Déjalo vacío para conservarlo.
replication-token-unset = Pega el token que mostró el primario al crear su acceso.
replication-group-primary = Primario
replication-name-hint = Se muestra como «copia de <nombre>» en los clientes copiados.
replication-url = URL del primario
replication-token = Token
replication-group-ssh = SSH
replication-ssh-host = Host
replication-ssh-port = Puerto
replication-ssh-user = Usuario
replication-group-what = Qué
replication-all-clients = Todos los clientes del primario
replication-client-ids = Ids de clientes del primario
replication-client-ids-hint = Los ids de los clientes en el primario, separados por comas.
replication-group-when = Cuándo
replication-policy = Política
replication-policy-hint = La replicación se ejecuta a sus horas, y con la retención «política propia» sus niveles deciden qué se conserva.
replication-interval = Cada (minutos)
replication-interval-hint = De 5 a 10080. Vacío: a las horas de la política.
replication-window-start = Copiar desde
replication-window-end = Copiar hasta
replication-window-hint = Opcional: copiar solo entre estas horas locales (las dos o ninguna); p. ej. de 22:00 a 06:00.
replication-group-bandwidth = Ancho de banda
replication-bwlimit = Límite (KiB/s)
replication-bwlimit-hint = Vacío: sin límite.
replication-active = Activo (copiar en los momentos de arriba)
replication-locations = Ubicaciones
replication-locations-hint = Cada ubicación de copias del primario (por su id allí) y la ubicación local a la que van sus instantáneas.
replication-map-primary = Id de ubicación del primario (fila { $n })
replication-map-local = Ubicación local (fila { $n })
replication-map-remove = Quitar
replication-map-add = Añadir una ubicación
replication-group-retention = Retención
replication-retention-mirror = Reflejar el primario
replication-retention-mirror-help = Conserva lo que conserva el primario. Una instantánea que el primario ya no tiene solo se borra aquí si «Borrar instantáneas desaparecidas» está activado, tras los días de gracia.
replication-retention-policy = Política propia
replication-retention-policy-help = Los niveles y cantidades de la política de arriba, contados aquí: este servidor puede guardar un historial más largo que el primario.
replication-min-age = Antigüedad mínima (días)
replication-min-age-hint = Nunca se borra una instantánea copiada más reciente que esto, sea cual sea el modo: una avalancha de instantáneas nuevas no puede echar el historial.
replication-delete-vanished = Borrar instantáneas desaparecidas
replication-delete-vanished-warning = Atención: esto borra datos de esta réplica cuando desaparecen del primario. Si el primario está comprometido, sus borrados llegan también aquí. Desactivado por defecto.
replication-grace = Gracia (días)
replication-max-deletions = Máximo de borrados por ejecución
replication-max-deletions-hint = Una ejecución nunca borra más instantáneas que estas.
replication-help-intro = La réplica tira: lee el catálogo del primario con un token de solo lectura y copia las instantáneas por ssh, de la más antigua a la más reciente. El primario nunca guarda una credencial de la réplica.
replication-help-safety-term = Por qué es seguro
replication-help-safety = Un ransomware o un intruso en el primario no puede llegar a la réplica, así que no puede borrar su historial. Deja «Borrar instantáneas desaparecidas» desactivado para mantener esa protección.
replication-help-token = El primario lo muestra una sola vez cuando su administrador crea el acceso de replicación. Se guarda aquí y no se vuelve a mostrar.
replication-help-ssh = El punto de acceso que muestra el acceso del primario (usuario@host:puerto). Su clave de host se registra en la primera conexión y hay que aceptarla aquí.
replication-help-locations = Qué ubicación local recibe las instantáneas de cada ubicación del primario. Los ids de ubicación del primario aparecen en su catálogo.
replication-help-when = Las horas de la política, o cada tantos minutos; la ventana limita la copia a algunas horas, p. ej. la noche.
replication-help-bwlimit = El --bwlimit de rsync, en KiB por segundo.
replication-help-vanished = Desactivado: las instantáneas que el primario borró se conservan aquí hasta que las quite la retención propia de este servidor. Activado: se borran tras los días de gracia, como mucho el máximo por ejecución.

## Charts (components/chart): tooltips, the table view, gauges

# A point's tooltip: its date (or run number) and its value.
chart-point = { $x }: { $value }
# What a screen reader hears for a chart.
chart-summary = { $label }: { $count ->
    [one] un valor
   *[other] { $count } valores
}, el último { $last } ({ $when })
chart-summary-empty = { $label }: todavía no hay datos
chart-no-data = Todavía no hay datos
chart-table-show = Ver como tabla
chart-col-date = Fecha
chart-col-value = Valor
chart-col-result = Resultado
chart-gauge = { $used } usados de { $total } ({ $percent } %)
chart-gauge-unknown = { $used } usados, total desconocido

## Dashboard (pages/dashboard): job health, running and next runs, storage

nav-dashboard = Panel
dashboard-title = Panel
dashboard-board-title = Estado de los trabajos
dashboard-counts = Trabajos por estado
dashboard-total = { $count ->
    [one] Un trabajo en total
   *[other] { $count } trabajos en total
}
health-ok = Correcto
health-warning = Con avisos
health-failed = Fallido
health-late = Con retraso
health-running = En ejecución
health-never-ran = Nunca ejecutado
health-inactive = Inactivo
# $when is a relative time: "5 minutes ago".
dashboard-last-success = Última copia correcta { $when }
dashboard-never-succeeded = Todavía no hay ninguna copia correcta
# $when is a date and time.
dashboard-late-since = Con retraso desde el { $when }
# Read out for a tile's strip of runs.
dashboard-strip = Últimos { $days } días: { $count ->
    [one] una ejecución
   *[other] { $count } ejecuciones
}, { $failed } fallidas
dashboard-empty = Todavía no hay trabajos.
dashboard-empty-add = Añadir un cliente
dashboard-filter-empty = Ningún trabajo está en este estado.
dashboard-filter-clear = Mostrar todos los trabajos
dashboard-running-title = En ejecución ahora
dashboard-running-empty = No se está ejecutando nada.
dashboard-waiting = { $count ->
    [one] Otra ejecución espera en la cola.
   *[other] Otras { $count } ejecuciones esperan en la cola.
}
dashboard-queue-link = Ver la cola
dashboard-next-title = Próximas ejecuciones programadas
dashboard-next-empty = No hay ninguna ejecución programada.
dashboard-storage-title = Almacenamiento
dashboard-storage-empty = Todavía no hay ninguna ubicación de copias.
dashboard-location-offline = No se puede acceder a la ubicación: sus cifras no se conocen.
dashboard-space = Espacio
dashboard-inodes = Inodos
dashboard-used-chart = Espacio usado de { $location }
dashboard-total-line = Total: { $size }
# $date is a date: "December 6, 2026".
dashboard-forecast-full = Se llenará hacia el { $date }
dashboard-forecast-growth = crece { $size } al día
dashboard-forecast-not-growing = No está creciendo
dashboard-forecast-not-enough = Todavía no hay datos suficientes ({ $days ->
    [one] un día
   *[other] { $days } días
} de muestras, se necesitan { $needed })

## Sessions
nav-sessions = Sesiones
sessions-intro = Todos los navegadores con sesión iniciada con tu cuenta. Termina las sesiones que no reconozcas: se cierran al momento. Al cambiar la contraseña se terminan todas salvo esta.
sessions-list-title = Navegadores con sesión iniciada
sessions-col-browser = Navegador
sessions-col-address = Dirección
sessions-col-created = Inicio de sesión
sessions-col-last-used = Último uso
sessions-col-actions = Acciones
sessions-current = Este navegador
sessions-unknown-browser = Navegador desconocido
sessions-end = Terminar sesión
sessions-end-confirm = ¿Cerrar la sesión de este navegador?
sessions-end-yes = Sí, terminarla
sessions-ended = La sesión ha terminado: ese navegador tendrá que volver a iniciar sesión.
sessions-help-end = Cierra al momento la sesión de ese navegador; su siguiente petición se rechaza. Úsalo si has perdido un ordenador o lo has compartido. Para cerrar la sesión de este navegador, usa «Cerrar sesión».
sessions-help-password-term = Cambios de contraseña
sessions-help-password = Al cambiar la contraseña se terminan todas las demás sesiones. Los tokens de API no son sesiones: revócalos en la página de tokens de API. Un administrador también puede terminar todas tus sesiones.
log-code-session-ended = Sesión terminada
log-code-sessions-ended = Terminadas todas las sesiones de un usuario
users-end-sessions = Cerrar todas sus sesiones
users-end-sessions-confirm = ¿Terminar todas las sesiones de este usuario? Tendrá que volver a iniciar sesión en todos sus navegadores; sus tokens de API seguirán funcionando.
users-end-sessions-yes = Sí, cerrarlas
users-sessions-ended = Se han terminado todas las sesiones del usuario.

## Inicio de sesión en dos pasos
nav-two-factor = Inicio de sesión en dos pasos
login-code = Código
login-code-help = Los 6 dígitos que muestra ahora tu aplicación de autenticación, o uno de tus códigos de recuperación.
login-code-needed = Esta cuenta inicia sesión con un segundo factor: escribe el código de tu aplicación de autenticación.
login-code-wrong = Código incorrecto o ya utilizado. Escribe el código que muestra ahora la aplicación, o un código de recuperación.
totp-intro = Con el inicio de sesión en dos pasos no basta con tu contraseña: también se pide un código de una aplicación de tu móvil, que cambia cada 30 segundos.
totp-held = En este servidor los administradores deben iniciar sesión con un segundo factor. Configúralo para continuar.
totp-setup-title = Configurar
totp-off = El inicio de sesión en dos pasos está desactivado.
totp-password-help = Tu contraseña, para que nadie pueda vincular tu cuenta a su móvil desde un navegador que hayas dejado abierto.
totp-setup-start = Empezar
totp-step-scan = Escanea el código QR con una aplicación de autenticación (por ejemplo FreeOTP, Aegis, Google Authenticator o Microsoft Authenticator), o escribe en ella el secreto.
totp-step-code = Escribe el código que muestra la aplicación, para comprobar que funciona. Desde ese momento el inicio de sesión en dos pasos queda activado.
totp-qr-alt = Código QR para tu aplicación de autenticación
totp-secret-label = Secreto, para escribirlo a mano
totp-confirm = Activar
totp-on-title = El inicio de sesión en dos pasos está activado
totp-on-since = Activado desde { $since }.
totp-codes-left = Códigos de recuperación sin usar: { $count }.
totp-required-note = Los administradores deben mantener el inicio de sesión en dos pasos: lo exige la configuración.
totp-recovery-title = Códigos de recuperación
totp-codes-warning = Guarda ahora estos códigos en un lugar seguro (imprímelos o guárdalos en un gestor de contraseñas): no se volverán a mostrar. Cada uno te permite iniciar sesión una vez si pierdes el móvil.
totp-codes-done = Ya los he guardado
totp-renew-title = Nuevos códigos de recuperación
totp-renew-text = Crea 10 códigos de recuperación nuevos; los anteriores dejan de funcionar. Escribe un código de tu aplicación (o un código de recuperación).
totp-renew = Crear códigos nuevos
totp-disable-title = Desactivar
totp-disable-text = Para iniciar sesión solo se pedirá tu contraseña. Escribe tu contraseña y un código.
totp-disable = Desactivar el inicio de sesión en dos pasos
totp-help-app-term = Aplicación de autenticación
totp-help-app = Sirve cualquier aplicación de códigos de un solo uso basados en el tiempo (RFC 6238); el móvil no necesita conexión para mostrar los códigos. Mantén bien la hora del móvil.
totp-help-recovery = Diez códigos que sirven cada uno para iniciar sesión una vez en lugar de un código de la aplicación. Guárdalos lejos del móvil. Cuando te queden pocos, crea otros nuevos.
totp-help-lost-term = Móvil perdido
totp-help-lost = Inicia sesión con un código de recuperación y configura el móvil nuevo. Si no tienes códigos de recuperación, pide a un administrador que restablezca tu inicio de sesión en dos pasos en la página de tu usuario.
tokens-code-help = Tu cuenta inicia sesión con un segundo factor: un token dura más que tu sesión, así que para crearlo hace falta ahora un código de la aplicación.
settings-admins-two-factor = Los administradores deben usar el inicio de sesión en dos pasos
settings-admins-two-factor-hint = A los administradores que no lo tengan se les pide configurarlo antes de poder hacer nada más. Activa primero el tuyo.
settings-help-admins-two-factor = Un administrador puede llegar a las copias y claves de todos los clientes: una contraseña robada no debería bastar. Los administradores que no lo hayan configurado van a su página en su siguiente petición; mientras esto esté activado no pueden desactivarlo. Los tokens de API siguen funcionando.
users-two-factor-reset = Restablecer el inicio de sesión en dos pasos
users-two-factor-reset-confirm = ¿Quitar el segundo factor y los códigos de recuperación de este usuario? Iniciará sesión solo con su contraseña hasta que configure uno nuevo.
users-two-factor-reset-yes = Sí, restablecer
users-two-factor-reset-done = Inicio de sesión en dos pasos restablecido: el usuario inicia sesión solo con su contraseña hasta que lo vuelva a configurar.
log-code-second-factor-failed = Código de segundo factor incorrecto al iniciar sesión
log-code-totp-enabled = Inicio de sesión en dos pasos activado
log-code-totp-disabled = Inicio de sesión en dos pasos desactivado
log-code-totp-reset = Inicio de sesión en dos pasos restablecido por un administrador
log-code-recovery-codes-renewed = Creados nuevos códigos de recuperación
log-code-restore-key-regenerated = Clave de restauración del cliente regenerada
users-col-two-factor = Dos pasos
users-two-factor-on = Activado
users-two-factor-off = Desactivado

## Declaración de accesibilidad
about-accessibility-link = Declaración de accesibilidad
a11y-title = Declaración de accesibilidad
a11y-intro = ElkarBackup quiere que esta aplicación web la pueda usar todo el mundo, como exigen las administraciones públicas (WCAG 2.1 nivel AA, la norma europea EN 301 549 y, en España, el Real Decreto 1112/2018). Esta declaración describe esta versión del software.
a11y-status-title = Situación de cumplimiento
a11y-status = Parcialmente conforme con WCAG 2.1 nivel AA: más abajo se indican las partes que aún no se han verificado.
a11y-checked-title = Cómo se comprueba
a11y-checked = Cada versión se prueba en un navegador real con las reglas de axe-core para WCAG 2.1 A y AA: todas las páginas, en euskera, castellano e inglés, en una pantalla de escritorio y en una del tamaño de un móvil. Un problema grave o crítico detiene la publicación.
a11y-features = La aplicación se puede usar con el teclado (con un contorno de foco visible y un enlace «Ir al contenido»); cada página tiene regiones y un título que la nombra; los errores de los formularios están ligados a sus campos; las etiquetas de estado llevan texto además de color; y cada gráfico tiene una tabla con las mismas cifras.
a11y-exceptions-title = Excepciones conocidas
a11y-exception-dialogs = Los diálogos (confirmaciones, la vista previa de una restauración, aceptar una clave de equipo) todavía no forman parte de la auditoría automática.
a11y-exception-keyboard = Los recorridos completos (añadir un cliente y una tarea, ejecutarla, explorar y restaurar) todavía no se han probado de principio a fin solo con el teclado.
a11y-exception-reflow = Todavía no se ha verificado en todas las páginas la adaptación a 320 píxeles de ancho y al 200 % de zoom.
a11y-contact-title = Comentarios y contacto
a11y-contact = Si algo de esta aplicación te resulta difícil o imposible de usar, díselo a los administradores de este servidor, que lo gestionan para tu organización: pueden ayudarte y trasladar el problema a quienes desarrollan ElkarBackup. Cada organización que usa ElkarBackup indica, en su propia declaración, el contacto y el procedimiento de reclamación que le corresponden.

nav-guides = Guías
guides-title = Guías
guides-intro = Cómo preparar las máquinas que se copian y cómo hacer las tareas habituales. Las órdenes se muestran tal como se ejecutan; las de cada guía se prueban contra una máquina real.
guides-back = Todas las guías
guides-from-client = Cómo preparar un cliente: guías
guide-command-label = Orden
guide-linux-title = Cliente Linux
guide-linux-summary = Prepara una máquina Linux para copiarla por ssh, con una clave que solo puede leer.
guide-linux-intro = ElkarBackup lee una máquina Linux por ssh con rsync, como root, mediante una clave que solo puede leer: la limita rrsync, que viene con rsync. No se instala nada más en el cliente.
guide-linux-step-packages = 1. En el cliente, como root, instala rsync y el servidor ssh (Debian y Ubuntu; otros sistemas tienen paquetes con los mismos nombres):
guide-linux-step-check = 2. Comprueba que rsync es la 3.4.0 o posterior (o la versión corregida de tu distribución) y que rrsync está. Deben salir las dos líneas:
guide-linux-step-key = 3. En ElkarBackup, añade el cliente: tipo ssh, usuario root, el nombre o la dirección de la máquina. Al guardarlo, su página muestra la clave de copia y la orden que la instala. Ejecuta esa orden en el cliente como root; es así:
guide-linux-key-placeholder = <la línea de la clave de copia>
guide-linux-step-verify = 4. En el cliente, comprueba la línea instalada: esto muestra 1.
guide-linux-step-test = 5. En la página del cliente, pulsa Probar conexión. Compara la huella de la clave del host con la del propio cliente (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub en el cliente) y acéptala. Después añade las tareas del cliente.
guide-linux-restore = Para restaurar en esta máquina hace falta también su clave de restauración, instalada de la misma manera; esa clave solo puede escribir. Sin ella nunca se podrá escribir nada en el cliente.
guide-linux-root = Por qué root: solo root puede leer todos los archivos con su propietario, permisos, ACL y atributos extendidos. La clave restringida no puede abrir un shell ni escribir nada, así que no da al servidor más que lectura.
guide-nas-title = NAS o demonio rsync
guide-nas-summary = Copia un NAS, o cualquier máquina con un demonio rsync, sin ssh.
guide-nas-intro = Un NAS, o cualquier máquina que ejecute rsync como demonio, se lee a través de uno de los módulos del demonio. No se instala nada en él.
guide-nas-step-module = 1. Añade un módulo de solo lectura a la configuración del demonio (/etc/rsyncd.conf, o los ajustes de rsync de tu NAS). Cambia {"{"}path{"}"} por el directorio que se copia y {"{"}server{"}"} por la dirección de este servidor: «hosts allow» deja fuera a las demás máquinas y «auth users» pide un inicio de sesión.
guide-nas-step-secret = 2. Da una contraseña al usuario, en un archivo que solo root pueda leer, y reinicia el demonio (systemctl restart rsync en Debian):
guide-nas-step-client = 3. En ElkarBackup, añade el cliente: tipo demonio rsync, la dirección del NAS, el usuario del demonio elkarbackup y la contraseña. La contraseña se guarda en el servidor y no se vuelve a mostrar. La ruta de una tarea empieza por el módulo: backup/ o backup/fotos/.
guide-nas-step-test = 4. Probar conexión lista los módulos del demonio e inicia sesión en cada módulo que leen las tareas del cliente.
guide-nas-note = Un demonio rsync envía los datos sin cifrar: úsalo solo en una red de confianza, o usa ssh.
guide-databases-title = Bases de datos
guide-databases-summary = Copia MySQL, MariaDB y PostgreSQL con un volcado hecho antes de cada copia.
guide-databases-intro = Los archivos de una base de datos cambian mientras funciona, así que una copia de ellos puede no abrirse. Copia un volcado en su lugar: la biblioteca de scripts lo hace antes de cada copia.
guide-databases-step-key = 1. Pon la clave del cliente en modo simple e instala su línea: el volcado se ejecuta en el cliente por ssh, y las claves restringidas lo rechazan.
guide-databases-step-job = 2. Añade una tarea para un directorio de volcados en el cliente, por ejemplo /var/backups/mysql/ o /var/backups/postgresql/.
guide-databases-step-script = 3. En la página Scripts, añade mysql-dump o postgresql-dump desde la biblioteca y elígelo como script previo de la tarea. Cada copia vuelca primero en ese directorio y después lo copia. Si el volcado falla, la copia se detiene y se conserva el último volcado bueno.
guide-databases-step-login = 4. MySQL y MariaDB: como root en Debian, el volcado entra por el socket del servidor; si no, pon el usuario en el ~/.my.cnf del usuario ssh ([client], user=, password=). PostgreSQL: como root vuelca como el usuario postgres.
guide-databases-restore = Para restaurar, descarga el volcado de una instantánea y cárgalo: mariadb < all-databases.sql, o pg_restore -d nombre nombre.dump (una base de datos o una tabla).
guide-windows-title = Cliente Windows
guide-windows-summary = Copia una máquina Windows por ssh con el servidor OpenSSH que trae Windows y un rsync para Windows.
guide-windows-intro = Windows 10, 11 y Server 2019 o posteriores incluyen un servidor OpenSSH. Con un rsync para Windows a su lado, ElkarBackup copia la máquina como cualquier otro cliente ssh.
guide-windows-step-ssh = 1. En PowerShell, como administrador, instala y arranca el servidor ssh:
guide-windows-step-rsync = 2. Instala rsync: cwRsync (pon su carpeta bin en el PATH del sistema) o el rsync de MSYS2 (pacman -S rsync, y añade C:\msys64\usr\bin al PATH del sistema). En una sesión ssh nueva, rsync --version debe responder.
guide-windows-step-key = 3. En ElkarBackup, añade el cliente: tipo ssh, el usuario de Windows, modo de clave simple (rrsync no funciona en Windows). Para un administrador, el servidor ssh de Windows lee las claves de C:\ProgramData\ssh\administrators_authorized_keys, no el archivo del propio usuario: añade ahí la línea de la clave de copia y deja que solo Administradores y SYSTEM la lean:
guide-windows-key-placeholder = <la línea de la clave de copia>
guide-windows-step-paths = 4. Rutas: cwRsync ve C:\Users como /cygdrive/c/Users/, MSYS2 como /c/Users/. Indica así las rutas de las tareas.
guide-windows-step-vss = 5. Los archivos abiertos (Outlook, bases de datos) se copian mejor desde una instantánea: añade windows-vss desde la biblioteca de scripts como script previo y posterior del cliente, y apunta las tareas por debajo de /cygdrive/c/elkarbackup-vss/ (o /c/elkarbackup-vss/).
guide-windows-permissions = Los permisos de Windows (ACL) no son permisos POSIX: rsync ve una aproximación. Una restauración devuelve el contenido y las fechas de los archivos; sus permisos son los de la carpeta en la que se restauran.
guide-restore-title = Restaurar
guide-restore-summary = Explora, descarga y restaura archivos, carpetas o un servidor entero.
guide-restore-intro = Cada instantánea es una copia completa: no hay que desempaquetar nada para leerla.
guide-restore-browse = Explorar: en la página de una tarea, las instantáneas aparecen por fecha; abre una para recorrer sus carpetas. Versiones muestra cada copia guardada de un archivo, con su fecha y su tamaño.
guide-restore-download = Descargar: un archivo se descarga tal cual; una carpeta, como un archivo comprimido.
guide-restore-restore = Restaurar: devuelve un archivo o una carpeta a un cliente, con sus propietarios, permisos, ACL y atributos extendidos. Elige el cliente (el mismo u otro), la carpeta y cómo: en una carpeta nueva restore-<hora> (no se toca nada de lo que existe) o sobre el original, borrando si quieres los archivos que no están en la instantánea. Ver los cambios muestra lo que cambiaría antes de escribir nada.
guide-restore-key = Restaurar en un cliente requiere que tenga instalada su clave de restauración. Esa clave solo puede escribir, y solo por debajo de la raíz de claves del cliente.
guide-restore-server = Un servidor entero: vuelve a instalar su sistema con rsync y el servidor ssh, instala su clave de restauración y restaura la instantánea más reciente de cada tarea en su sitio, sobre el original. Después reinstala el cargador de arranque y reinicia.
guide-policies-title = Políticas y retención
guide-policies-summary = Cuándo se ejecutan las tareas y qué instantáneas se conservan.
guide-policies-intro = Una política dice cuándo se ejecutan sus tareas y cuántas instantáneas conservan. Varias tareas pueden compartir una política.
guide-policies-levels = Niveles: durante el día, diario, semanal, mensual y anual. Cada nivel activo tiene su hora (y su día) y el número de instantáneas que conserva.
guide-policies-tags = Una ejecución puede pertenecer a varios niveles a la vez. Una instantánea se queda mientras alguno de sus niveles la conserve. Tras cada copia, la retención mueve a la papelera lo que ningún nivel conserva ya; la instantánea más reciente nunca se borra.
guide-policies-keeps = El editor dice lo que conservan los niveles juntos («Conserva las copias más recientes: …»): por ejemplo, 7 diarias, 4 semanales y 12 mensuales cubren cerca de un año con 23 instantáneas.
guide-policies-cost = Los archivos que no han cambiado son enlaces duros a la instantánea anterior: una instantánea ocupa solo lo que ha cambiado.
guide-policies-patterns = Los patrones de inclusión y exclusión de la política se aplican a todas sus tareas, salvo a las que tienen los suyos.
guide-macos-title = Cliente macOS
guide-macos-summary = Copia un Mac por ssh: sesión remota, acceso total al disco y un rsync actual.
guide-macos-intro = Un Mac tiene servidor ssh (Sesión remota), pero su rsync es demasiado antiguo (2.6.9) o, desde macOS 15, openrsync, al que le faltan opciones que usan las copias. Añade un rsync actual y deja que ssh lea todas las carpetas.
guide-macos-step-ssh = 1. En Ajustes del Sistema, General, Compartir, activa Sesión remota y, en sus detalles, activa el acceso total al disco para los usuarios remotos (Allow full disk access for remote users). Sin ello, macOS oculta a ssh el Escritorio, Documentos, Mail y otras carpetas, y la copia falla en ellas con «Operation not permitted».
guide-macos-step-rsync = 2. En Terminal, instala rsync con Homebrew y compruébalo (la segunda línea debe mostrar la versión 3.4.0 o posterior):
guide-macos-step-client = 3. En ElkarBackup, añade el cliente: tipo ssh, un usuario administrador del Mac, modo de clave simple. En Avanzado, añade esta opción de rsync (en un Mac Intel la ruta es /usr/local/bin/rsync) y después instala la línea de la clave con la orden que muestra la página del cliente, en Terminal como ese usuario:
guide-macos-step-root = 4. Ese usuario solo lee lo que le permiten sus derechos. Para copiar los archivos de todos los usuarios, deja que ejecute rsync como root sin contraseña (una línea «usuario ALL=(root) NOPASSWD: /opt/homebrew/bin/rsync» en /etc/sudoers.d/elkarbackup, editada con sudo visudo -f) y usa en su lugar --rsync-path=sudo /opt/homebrew/bin/rsync.
guide-macos-step-test = 5. En la página del cliente, pulsa Probar conexión y acepta la clave del host después de comparar su huella con la del Mac (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).
