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
}
