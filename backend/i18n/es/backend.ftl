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
