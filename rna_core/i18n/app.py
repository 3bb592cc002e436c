"""Strings of the app shell: navigation, home page, language selector, shared messages."""

STRINGS = {
    "app.title": {"en": "RNA Dashboard", "es": "RNA Dashboard"},
    "app.language": {"en": "Language", "es": "Idioma"},
    "app.error_generic": {
        "en": "Something went wrong: {message}",
        "es": "Algo ha fallado: {message}",
    },
    "app.server_busy": {
        "en": "The server is busy: {limit} trainings are already running for other users. "
        "Try again in a minute; your settings are kept.",
        "es": "El servidor está ocupado: ya hay {limit} entrenamientos en marcha de otros usuarios. "
        "Vuelve a intentarlo en un minuto; tu configuración se conserva.",
    },
    "app.server_memory": {
        "en": "The server is short of memory right now ({used} of its {limit} MB are in use by other "
        "users' work). Try again in a minute; your settings are kept.",
        "es": "Ahora mismo al servidor le falta memoria (el trabajo de otros usuarios ocupa {used} de "
        "sus {limit} MB). Vuelve a intentarlo en un minuto; tu configuración se conserva.",
    },
    "app.show_code": {"en": "Show the code", "es": "Ver el código"},
    "section.foundations": {"en": "Foundations", "es": "Fundamentos"},
    "section.training": {"en": "Training", "es": "Entrenamiento"},
    "section.use": {"en": "Use the model", "es": "Usar el modelo"},
    "home.title": {"en": "Neural networks you can touch", "es": "Redes neuronales que se pueden tocar"},
    "home.nav": {"en": "Home", "es": "Inicio"},
    "home.intro": {
        "en": (
            "RNA Dashboard teaches artificial neural networks by letting you play with each idea. "
            "You start with a single neuron acting as a logic gate, see why one neuron cannot "
            "learn XOR, and explore the activations, costs and optimizers that make a network learn. "
            "Then you train a real Keras network on handwritten digits, tune it, and watch it read "
            "the digit you draw."
        ),
        "es": (
            "RNA Dashboard enseña redes neuronales artificiales dejándote jugar con cada idea. "
            "Empiezas con una sola neurona que hace de puerta lógica, ves por qué una neurona no "
            "puede aprender XOR y exploras las funciones de activación y de coste y los optimizadores "
            "que hacen aprender a una red. Después entrenas una red Keras real con dígitos "
            "manuscritos, ajustas sus hiperparámetros y ves cómo lee el dígito que dibujas."
        ),
    },
    "home.path": {"en": "The learning path", "es": "El itinerario"},
    "home.open": {"en": "Open", "es": "Abrir"},
    "home.loop_title": {
        "en": "The loop every network runs while it learns",
        "es": "El ciclo que recorre toda red mientras aprende",
    },
    "home.loop_caption": {
        "en": "Each box names the page where you can see that step at work.",
        "es": "Cada caja indica la página donde puedes ver ese paso en acción.",
    },
    "home.no_pages": {
        "en": "The pages of the learning path are on their way.",
        "es": "Las páginas del itinerario están en camino.",
    },
    "loop.dataset": {"en": "Dataset", "es": "Conjunto de datos"},
    "loop.layers": {"en": "Layers", "es": "Capas"},
    "loop.parameters": {"en": "Parameters (weights, bias)", "es": "Parámetros (pesos, bias)"},
    "loop.prediction": {"en": "Prediction", "es": "Predicción"},
    "loop.error": {"en": "Error measurement (cost)", "es": "Medida del error (coste)"},
    "loop.optimizer": {"en": "Optimizer", "es": "Optimizador"},
    "loop.update": {"en": "Parameter update", "es": "Actualización de parámetros"},
    "loop.shown_in": {"en": "see: {page}", "es": "ver: {page}"},
    # Last line of defence (rna_ui.shell.error_boundary): an error nobody expected.
    "app.error_unexpected": {
        "en": "Something went wrong on this page and it stopped here. The error was recorded on the "
        "server (reference {reference}); reload the page or try again. Your other work in this tab is kept.",
        "es": "Algo ha fallado en esta página y se ha detenido aquí. El error ha quedado registrado en el "
        "servidor (referencia {reference}); recarga la página o vuelve a intentarlo. El resto de tu trabajo "
        "en esta pestaña se conserva.",
    },
    # Uploaded photos (rna_core.uploads.decode_image).
    "upload.error_not_bytes": {
        "en": "The upload must be the bytes of an image file.",
        "es": "Lo subido debe ser el contenido de un fichero de imagen.",
    },
    "upload.error_empty": {"en": "The file is empty.", "es": "El fichero está vacío."},
    "upload.error_too_large": {
        "en": "The file is too large ({size:.1f} MB); upload an image of at most {limit} MB.",
        "es": "El fichero es demasiado grande ({size:.1f} MB); sube una imagen de {limit} MB como máximo.",
    },
    "upload.error_format": {
        "en": "This file is not a PNG or JPEG image; upload a photo or scan in one of these formats.",
        "es": "Este fichero no es una imagen PNG ni JPEG; sube una foto o un escaneo en uno de esos formatos.",
    },
    "upload.error_pixels": {
        "en": "The image has too many pixels; the limit is {limit} megapixels. Resize it before uploading.",
        "es": "La imagen tiene demasiados píxeles; el límite es de {limit} megapíxeles. Redúcela antes de subirla.",
    },
    "upload.error_pixels_size": {
        "en": "The image has too many pixels ({width}x{height} pixels); the limit is {limit} megapixels. "
        "Resize it before uploading.",
        "es": "La imagen tiene demasiados píxeles ({width}x{height} píxeles); el límite es de {limit} "
        "megapíxeles. Redúcela antes de subirla.",
    },
    "upload.error_too_small": {
        "en": "The image is only {width}x{height} pixels: too small to hold a digit (at least {side}x{side}).",
        "es": "La imagen mide solo {width}x{height} píxeles: demasiado pequeña para contener una cifra "
        "(al menos {side}x{side}).",
    },
    "upload.error_aspect": {
        "en": "The image is {width}x{height} pixels: one side is {ratio:,.0f} times the other, a strip rather "
        "than a digit. Crop it around the digit (one side at most {limit} times the other) and upload it again.",
        "es": "La imagen mide {width}x{height} píxeles: un lado es {ratio:,.0f} veces el otro, una tira y no "
        "una cifra. Recórtala alrededor de la cifra (un lado como mucho {limit} veces el otro) y súbela "
        "de nuevo.",
    },
    "upload.error_damaged": {
        "en": "The image file is damaged and cannot be read.",
        "es": "El fichero de imagen está dañado y no se puede leer.",
    },
    "upload.error_truncated": {
        "en": "The image file is damaged or cut short (truncated) and cannot be read completely.",
        "es": "El fichero de imagen está dañado o cortado (incompleto) y no se puede leer entero.",
    },
    # Imported models (rna_core.model_files, rna_core.model_checks).
    "import.error_input_shape": {
        "en": "The model's input shape must be [784]: the app feeds each 28x28 image as one row of 784 values; "
        "config.json asks for {shape}.",
        "es": "La forma de entrada del modelo debe ser [784]: la aplicación le da cada imagen de 28x28 como una "
        "fila de 784 valores; config.json pide {shape}.",
    },
    "import.error_json_deep": {
        "en": "config.json is not a model's settings: its lists or objects are nested too deeply.",
        "es": "config.json no contiene la configuración de un modelo: sus listas u objetos están anidados "
        "a demasiada profundidad.",
    },
    "import.error_json": {
        "en": "config.json is not valid JSON: {reason}",
        "es": "config.json no es JSON válido: {reason}",
    },
    "import.error_too_many_weights": {
        "en": "The network in config.json has {count:,} weights ({size:,.0f} MB), more than the {limit:,.0f} MB "
        "a weights.npz may hold: it is too large to import here.",
        "es": "La red de config.json tiene {count:,} pesos ({size:,.0f} MB), más de los {limit:,.0f} MB que "
        "puede contener un weights.npz: es demasiado grande para importarla aquí.",
    },
    "import.error_shapes": {
        "en": "The weights do not fit the network in config.json: expected {expected} arrays shaped "
        "{expected_shapes}..., found {found} shaped {found_shapes}...",
        "es": "Los pesos no encajan con la red de config.json: se esperaban {expected} matrices con formas "
        "{expected_shapes}..., y hay {found} con formas {found_shapes}...",
    },
    "import.error_overflow": {
        "en": "The weights in weights.npz are so large that the network's numbers overflow: its predictions "
        "come out as NaN (not a number). The model is broken; train it again.",
        "es": "Los pesos de weights.npz son tan grandes que los números de la red se desbordan: sus "
        "predicciones salen NaN (no es un número). El modelo está roto; vuelve a entrenarlo.",
    },
    "import.error_unreadable": {
        "en": "The model files could not be read ({kind}); check that they are the config.json and weights.npz "
        "the app saved.",
        "es": "No se han podido leer los ficheros del modelo ({kind}); comprueba que son los config.json y "
        "weights.npz que guardó la aplicación.",
    },
}
