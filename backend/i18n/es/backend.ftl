# Mensajes de error de la API (español).
error-bad-request = No se ha podido entender la petición. Revisa su formato y el tipo de contenido.
error-validation-failed = Algunos campos no son válidos.
error-unauthorized = Tienes que iniciar sesión.
error-invalid-credentials = Usuario o contraseña incorrectos.
error-csrf-header-missing = A esta petición le falta su cabecera de seguridad. Recarga la página y vuelve a intentarlo.
error-forbidden = No tienes permiso para hacer esto.
error-not-found = No encontrado.
error-conflict = Esto entra en conflicto con datos existentes.
error-rate-limited = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
error-method-not-allowed = Este método no está permitido aquí.
error-internal = Algo ha fallado en el servidor. Los detalles están en el registro del servidor.
error-database-unavailable = La base de datos no está disponible en este momento.
error-invalid-path = Esta ruta no es válida dentro de una copia.
error-not-regular-file = Solo se pueden descargar ficheros normales; este es un fichero especial o un enlace.
error-preview-failed = No se ha podido preparar la vista previa de la restauración: el cliente no ha respondido como se esperaba. Los detalles están en el registro.

validation-required = Este campo es obligatorio.
validation-too-short = Debe tener al menos { $min } caracteres.
validation-too-long = Debe tener como máximo { $max } caracteres.
validation-out-of-range = Debe estar entre { $min } y { $max }.
validation-invalid = Este valor no es válido.
validation-not-allowed = Esta opción no está permitida.
validation-duplicate = Este nombre ya está en uso.
validation-not-found = El elemento seleccionado no existe.
validation-time-format = Usa el formato de 24 horas HH:MM, por ejemplo 21:00.
validation-directory-missing = El directorio no existe en el servidor.
validation-directory-not-writable = El servidor no puede escribir en este directorio.
validation-mismatch = Los valores no coinciden.

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
