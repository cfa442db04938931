# Mensajes de error de la API (español).
error-bad-request = No se ha podido entender la petición. Revisa su formato y el tipo de contenido.
error-validation-failed = Algunos campos no son válidos.
error-unauthorized = Tienes que iniciar sesión.
error-invalid-credentials = Usuario o contraseña incorrectos.
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

validation-not-found = El elemento seleccionado no existe.
validation-directory-missing = El directorio no existe en el servidor.
validation-directory-not-writable = El servidor no puede escribir en este directorio.
validation-before-start = No puede ser anterior al inicio.

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

## Built-in HTTPS and the path prefix (serve): start-up errors about the [tls] files.
cli-tls-certificate-unreadable = No se puede leer el certificado TLS { $path }: { $reason }. Revise «certificate» en la sección [tls] de la configuración (o ELKARBACKUP_TLS_CERTIFICATE) y que el usuario con el que se ejecuta el servidor pueda leer el archivo.
cli-tls-key-unreadable = No se puede leer la clave privada TLS { $path }: { $reason }. Revise «key» en la sección [tls] de la configuración (o ELKARBACKUP_TLS_KEY) y que el usuario con el que se ejecuta el servidor pueda leer el archivo.
cli-tls-certificate-not-pem = { $path } no es un archivo de certificados PEM ({ $reason }). Debe contener el certificado del servidor y después los certificados intermedios, cada uno entre «-----BEGIN CERTIFICATE-----» y «-----END CERTIFICATE-----».
cli-tls-key-not-pem = { $path } no es un archivo de clave privada PEM ({ $reason }). Debe contener una clave sin cifrar entre una línea «-----BEGIN PRIVATE KEY-----» (o RSA PRIVATE KEY, EC PRIVATE KEY) y su línea END.
cli-tls-rejected = El certificado TLS { $certificate } y la clave { $key } no se pueden usar juntos: { $reason }. La clave debe ser la clave privada del primer certificado del archivo.
