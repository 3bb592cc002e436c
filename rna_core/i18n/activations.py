"""Strings of the activation-functions page (and the class names other pages reuse)."""

STRINGS = {
    "activations.title": {"en": "Activation functions", "es": "Funciones de activación"},
    "activations.summary": {
        "en": "See the shape and the slope of each activation, where it saturates, and how softmax turns scores into probabilities.",
        "es": "Observa la forma y la pendiente de cada activación, dónde se satura y cómo softmax convierte puntuaciones en probabilidades.",
    },
    "activations.intro": {
        "en": (
            "A neuron adds up its weighted inputs into a number z and passes it through an activation "
            "function f to decide its output. Training needs the slope f′(z) too, because every weight "
            "update is multiplied by it: pick some functions below and compare both curves."
        ),
        "es": (
            "Una neurona suma sus entradas ponderadas en un número z y lo pasa por una función de "
            "activación f para decidir su salida. El entrenamiento necesita también la pendiente f′(z), "
            "porque cada actualización de un peso se multiplica por ella: elige algunas funciones y "
            "compara ambas curvas."
        ),
    },
    "activations.name.heaviside": {"en": "Heaviside step", "es": "Escalón de Heaviside"},
    "activations.name.sign": {"en": "Sign", "es": "Signo"},
    "activations.name.sigmoid": {"en": "Sigmoid", "es": "Sigmoide"},
    "activations.name.tanh": {"en": "Hyperbolic tangent (tanh)", "es": "Tangente hiperbólica (tanh)"},
    "activations.name.relu": {"en": "ReLU", "es": "ReLU"},
    "activations.name.leaky_relu": {"en": "Leaky ReLU", "es": "Leaky ReLU"},
    "activations.name.elu": {"en": "ELU (exponential linear)", "es": "ELU (lineal exponencial)"},
    "activations.name.linear": {"en": "Linear (none)", "es": "Lineal (ninguna)"},
    "activations.choose": {"en": "Activations to compare", "es": "Activaciones que comparar"},
    "activations.z_min": {"en": "z from", "es": "z desde"},
    "activations.z_max": {"en": "z to", "es": "z hasta"},
    "activations.alpha": {"en": "Leaky ReLU slope α (for z < 0)", "es": "Pendiente α de Leaky ReLU (para z < 0)"},
    "activations.alpha_help": {
        "en": (
            "Keras calls it negative_slope, and its default depends on where you use it: 0.2 in the function "
            "keras.activations.leaky_relu (this slider's start), 0.3 in the layer keras.layers.LeakyReLU. "
            "The course uses 0.01."
        ),
        "es": (
            "Keras lo llama negative_slope, y su valor por defecto depende de dónde lo uses: 0,2 en la función "
            "keras.activations.leaky_relu (el valor inicial de este control), 0,3 en la capa "
            "keras.layers.LeakyReLU. El curso usa 0,01."
        ),
    },
    "activations.empty": {
        "en": "Choose at least one activation function to draw.",
        "es": "Elige al menos una función de activación para dibujarla.",
    },
    "activations.bad_range": {
        "en": "The z range is empty: “z from” ({low:g}) must be smaller than “z to” ({high:g}).",
        "es": "El rango de z está vacío: «z desde» ({low:g}) debe ser menor que «z hasta» ({high:g}).",
    },
    "activations.function_title": {"en": "Output f(z)", "es": "Salida f(z)"},
    "activations.derivative_title": {"en": "Slope f′(z)", "es": "Pendiente f′(z)"},
    "activations.vanishing": {
        "en": (
            "Shaded: where |f′(z)| < 0.05. There a neuron passes back less than 5 % of the error "
            "signal, so its weights barely change — the vanishing gradient that slows sigmoid and "
            "tanh networks when |z| is large (z far from 0, on either side), and the reason ReLU took over in hidden layers."
        ),
        "es": (
            "Zona sombreada: donde |f′(z)| < 0,05. Ahí la neurona devuelve menos del 5 % de la señal "
            "de error, así que sus pesos apenas cambian: es el desvanecimiento del gradiente que frena "
            "a las redes con sigmoide y tanh cuando |z| es grande (z lejos de 0, por cualquiera de los dos lados), y la razón por la que ReLU se impuso "
            "en las capas ocultas."
        ),
    },
    "activations.zones": {"en": "Saturation zones", "es": "Zonas de saturación"},
    "activations.zone_none": {"en": "none in this range", "es": "ninguna en este rango"},
    "activations.zone_all": {
        "en": "the whole range (the slope is 0: no gradient at all)",
        "es": "todo el rango (la pendiente es 0: no hay gradiente)",
    },
    "activations.softmax_title": {"en": "Softmax: from scores to probabilities", "es": "Softmax: de puntuaciones a probabilidades"},
    "activations.softmax_intro": {
        "en": (
            "The output layer of a classifier gives one score (logit) per class; softmax turns them "
            "into probabilities that sum to 1. Temperature T divides the logits first: T > 1 evens "
            "the probabilities out, T < 1 sharpens them towards the largest logit."
        ),
        "es": (
            "La capa de salida de un clasificador da una puntuación (logit) por clase; softmax las "
            "convierte en probabilidades que suman 1. La temperatura T divide antes los logits: con "
            "T > 1 las probabilidades se igualan y con T < 1 se concentran en el logit mayor."
        ),
    },
    "activations.logits": {
        "en": "Logits for dog, cat, bird, fish (four numbers)",
        "es": "Logits de perro, gato, ave, pez (cuatro números)",
    },
    "activations.temperature": {"en": "Temperature T", "es": "Temperatura T"},
    "activations.probability": {"en": "Probability", "es": "Probabilidad"},
    "activations.sum": {"en": "Sum of the probabilities", "es": "Suma de las probabilidades"},
    "activations.class": {"en": "Class", "es": "Clase"},
    "activations.class.dog": {"en": "dog", "es": "perro"},
    "activations.class.cat": {"en": "cat", "es": "gato"},
    "activations.class.bird": {"en": "bird", "es": "ave"},
    "activations.class.fish": {"en": "fish", "es": "pez"},
    "activations.uses_title": {"en": "Which activation goes where", "es": "Qué activación va en cada sitio"},
    "activations.col.layer": {"en": "Layer", "es": "Capa"},
    "activations.col.activation": {"en": "Activation", "es": "Activación"},
    "activations.col.why": {"en": "Why", "es": "Por qué"},
    "activations.use.hidden": {"en": "Hidden layers", "es": "Capas ocultas"},
    "activations.use.hidden_act": {"en": "ReLU (or leaky ReLU)", "es": "ReLU (o leaky ReLU)"},
    "activations.use.hidden_why": {
        "en": "Slope 1 for every positive z: gradients do not fade; cheap to compute. Leaky ReLU keeps a small slope for z < 0.",
        "es": "Pendiente 1 para todo z positivo: el gradiente no se desvanece y se calcula rápido. Leaky ReLU mantiene algo de pendiente para z < 0.",
    },
    "activations.use.binary": {"en": "Output: binary or multilabel classification", "es": "Salida: clasificación binaria o multietiqueta"},
    "activations.use.binary_why": {
        "en": "One value in (0, 1) per label: the probability of “yes”.",
        "es": "Un valor en (0, 1) por etiqueta: la probabilidad de «sí».",
    },
    "activations.use.multiclass": {"en": "Output: multiclass classification", "es": "Salida: clasificación multiclase"},
    "activations.use.multiclass_why": {
        "en": "One probability per class, summing to 1: exactly one class is right.",
        "es": "Una probabilidad por clase que suman 1: solo una clase es la correcta.",
    },
    "activations.use.regression": {"en": "Output: regression", "es": "Salida: regresión"},
    "activations.use.regression_act": {
        "en": "None (linear), or ReLU for values that cannot be negative",
        "es": "Ninguna (lineal), o ReLU para valores que no pueden ser negativos",
    },
    "activations.use.regression_why": {
        "en": "The output can be any real number (or any number ≥ 0 with ReLU).",
        "es": "La salida puede ser cualquier número real (o cualquiera ≥ 0 con ReLU).",
    },
    "activations.use.history": {"en": "Historical perceptron", "es": "Perceptrón histórico"},
    "activations.use.history_act": {"en": "Heaviside step or sign", "es": "Escalón de Heaviside o signo"},
    "activations.use.history_why": {
        "en": "A hard yes/no; its slope is 0, so gradient descent cannot train it.",
        "es": "Un sí/no tajante; su pendiente es 0, así que el descenso del gradiente no puede entrenarla.",
    },
    "activations.formulas": {"en": "The formulas of the chosen functions", "es": "Las fórmulas de las funciones elegidas"},
    "activations.softmax_formula": {
        "en": "For K classes with logits z₁ … z_K (T = 1 is plain softmax):",
        "es": "Para K clases con logits z₁ … z_K (T = 1 es la softmax normal):",
    },
    "activations.interval": {"en": "[{low:.2f}, {high:.2f}]", "es": "[{low:.2f}; {high:.2f}]"},
}
