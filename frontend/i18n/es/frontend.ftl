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

## Páginas provisionales y de error

not-available-title = Esta página aún no está disponible
not-available-body = Esta parte de ElkarBackup todavía está en construcción. Usa el menú para ir a otra página.
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
password-help = Al menos 8 caracteres.
password-mismatch = Las dos contraseñas nuevas no coinciden.
password-wrong-current = La contraseña actual no es correcta.
password-too-short = La contraseña nueva debe tener al menos 8 caracteres.
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

## Códigos de error de la API (error-<código>)

error-bad-request = No se ha podido entender la petición. Recarga la página e inténtalo de nuevo.
error-validation-failed = Algunos campos no son válidos. Revisa los mensajes junto a ellos.
error-unauthorized = Tu sesión ha terminado. Vuelve a iniciar sesión.
error-invalid-credentials = Nombre de usuario o contraseña incorrectos.
error-csrf-header-missing = La petición se ha rechazado por motivos de seguridad. Recarga la página e inténtalo de nuevo.
error-forbidden = No tienes permiso para hacer esto.
error-not-found = No existe o se ha eliminado.
error-conflict = Esto entra en conflicto con datos existentes (por ejemplo, el nombre ya está en uso).
error-rate-limited = Demasiados intentos. Espera unos minutos e inténtalo de nuevo.
error-method-not-allowed = Esta operación no está admitida.
error-internal = Algo ha fallado en el servidor. Inténtalo de nuevo; si sigue ocurriendo, pide a tu administrador que revise el registro del servidor.
error-database-unavailable = El servidor no puede acceder a su base de datos en este momento. Inténtalo de nuevo dentro de unos minutos.
error-unknown = Algo ha fallado. Inténtalo de nuevo.
error-network = No se puede contactar con el servidor. Comprueba tu conexión e inténtalo de nuevo.

## Problemas en un campo

field-error-required = Este campo es obligatorio.
field-error-too-short = Es demasiado corto.
field-error-too-long = Es demasiado largo.
field-error-out-of-range = Este valor está fuera del rango permitido.
field-error-taken = Este nombre ya está en uso.
field-error-invalid = Este valor no es válido.
