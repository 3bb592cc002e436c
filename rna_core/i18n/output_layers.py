"""Strings of the output-layers page."""

STRINGS = {
    "output_layers.title": {"en": "Output layers and losses", "es": "Capas de salida y funciones de coste"},
    "output_layers.summary": {
        "en": "Which last layer and loss fit each task, with the Keras code, a live example and three common mistakes.",
        "es": "Qué última capa y qué función de coste encajan con cada tarea, con el código Keras, un ejemplo en vivo y tres errores frecuentes.",
    },
    "output_layers.intro": {
        "en": (
            "The hidden layers learn features; the output layer decides what the network's numbers "
            "mean, and the loss must match that meaning. Pick a task to see the recipe and try it."
        ),
        "es": (
            "Las capas ocultas aprenden características; la capa de salida decide qué significan los "
            "números de la red, y la función de coste debe encajar con ese significado. Elige una tarea "
            "para ver la receta y probarla."
        ),
    },
    "output_layers.task": {"en": "Task", "es": "Tarea"},
    "output_layers.task.binary": {"en": "Binary classification", "es": "Clasificación binaria"},
    "output_layers.task.multilabel": {"en": "Multilabel classification", "es": "Clasificación multietiqueta"},
    "output_layers.task.multiclass": {"en": "Multiclass classification", "es": "Clasificación multiclase"},
    "output_layers.task.regression": {"en": "Regression", "es": "Regresión"},
    "output_layers.task.bounded_regression": {
        "en": "Regression of a non-negative value",
        "es": "Regresión de un valor no negativo",
    },
    "output_layers.units": {"en": "Units", "es": "Neuronas"},
    "output_layers.activation": {"en": "Activation", "es": "Activación"},
    "output_layers.loss": {"en": "Loss", "es": "Función de coste"},
    "output_layers.units.binary": {"en": "1", "es": "1"},
    "output_layers.units.multilabel": {"en": "one per label", "es": "una por etiqueta"},
    "output_layers.units.multiclass": {"en": "one per class", "es": "una por clase"},
    "output_layers.units.regression": {"en": "one per value", "es": "una por valor"},
    "output_layers.units.bounded_regression": {"en": "one per value", "es": "una por valor"},
    "output_layers.act.sigmoid": {"en": "sigmoid", "es": "sigmoide"},
    "output_layers.act.softmax": {"en": "softmax", "es": "softmax"},
    "output_layers.act.linear": {"en": "none (linear)", "es": "ninguna (lineal)"},
    "output_layers.act.relu": {"en": "ReLU", "es": "ReLU"},
    "output_layers.why.binary": {
        "en": "One sigmoid unit gives the probability of “yes”; binary cross-entropy punishes confident mistakes.",
        "es": "Una neurona sigmoide da la probabilidad de «sí»; la entropía cruzada binaria castiga los errores cometidos con seguridad.",
    },
    "output_layers.why.multilabel": {
        "en": "Several independent yes/no answers: one sigmoid per label, and their outputs need not sum to 1.",
        "es": "Varias respuestas de sí/no independientes: una sigmoide por etiqueta, y sus salidas no tienen por qué sumar 1.",
    },
    "output_layers.why.multiclass": {
        "en": "Exactly one class is right: softmax gives probabilities that sum to 1. With integer labels (0–9) use the sparse loss; with one-hot labels, categorical_crossentropy.",
        "es": "Solo una clase es la correcta: softmax da probabilidades que suman 1. Con etiquetas enteras (0–9) usa la versión sparse; con etiquetas one-hot, categorical_crossentropy.",
    },
    "output_layers.why.regression": {
        "en": "Any real number: no activation at all, and the mean squared error as cost.",
        "es": "Cualquier número real: ninguna activación y el error cuadrático medio como coste.",
    },
    "output_layers.why.bounded_regression": {
        "en": "A value that cannot be negative (a price, millimetres of rain): ReLU clips the output at 0. For a value between 0 and 1, scale the targets and use a sigmoid.",
        "es": "Un valor que no puede ser negativo (un precio, milímetros de lluvia): ReLU recorta la salida en 0. Para un valor entre 0 y 1, escala los objetivos y usa una sigmoide.",
    },
    "output_layers.code": {"en": "Keras: last layer and compile", "es": "Keras: última capa y compile"},
    "output_layers.try": {"en": "Try it", "es": "Pruébalo"},
    "output_layers.example.binary": {
        "en": "Is this e-mail spam? The truth: yes (y = 1). Move the last layer's weighted sum z.",
        "es": "¿Es spam este correo? La verdad: sí (y = 1). Mueve la suma ponderada z de la última capa.",
    },
    "output_layers.example.multilabel": {
        "en": "Tags of a holiday photo: it shows a beach and a sunset, but no people (y = [1, 1, 0]).",
        "es": "Etiquetas de una foto de vacaciones: sale una playa y una puesta de sol, pero ninguna persona (y = [1, 1, 0]).",
    },
    "output_layers.example.multiclass": {
        "en": "Which animal is in the picture? The truth: a cat.",
        "es": "¿Qué animal sale en la foto? La verdad: un gato.",
    },
    "output_layers.example.regression": {
        "en": "Tomorrow's temperature in °C. The truth: 18.5 °C.",
        "es": "La temperatura de mañana en °C. La verdad: 18,5 °C.",
    },
    "output_layers.example.bounded_regression": {
        "en": "Tomorrow's rain in millimetres (never negative). The truth: 4 mm. Push z below 0: the output stays at 0.",
        "es": "La lluvia de mañana en milímetros (nunca negativa). La verdad: 4 mm. Lleva z por debajo de 0: la salida se queda en 0.",
    },
    "output_layers.label.spam": {"en": "spam", "es": "spam"},
    "output_layers.label.beach": {"en": "beach", "es": "playa"},
    "output_layers.label.sunset": {"en": "sunset", "es": "puesta de sol"},
    "output_layers.label.people": {"en": "people", "es": "personas"},
    "output_layers.label.temperature": {"en": "temperature", "es": "temperatura"},
    "output_layers.label.rain": {"en": "rain", "es": "lluvia"},
    "output_layers.z_for": {"en": "z ({label})", "es": "z ({label})"},
    "output_layers.output": {"en": "Output", "es": "Salida"},
    "output_layers.target": {"en": "Truth", "es": "Verdad"},
    "output_layers.chart_caption": {
        "en": "Bars: what the layer outputs. Dark line: the true answer.",
        "es": "Barras: lo que da la capa. Línea oscura: la respuesta real.",
    },
    "output_layers.output_sum": {"en": "Sum of the outputs", "es": "Suma de las salidas"},
    "output_layers.loss_value": {"en": "Loss for this example", "es": "Coste de este ejemplo"},
    "output_layers.mistakes": {"en": "Common mistakes, with numbers", "es": "Errores frecuentes, con números"},
    "output_layers.mistake.double": {
        "en": "softmax + from_logits=True",
        "es": "softmax + from_logits=True",
    },
    "output_layers.mistake.sigmoid": {
        "en": "sigmoid + categorical cross-entropy",
        "es": "sigmoide + entropía cruzada categórica",
    },
    "output_layers.mistake.scale": {"en": "different normalisation", "es": "normalización distinta"},
    "output_layers.confidence": {
        "en": "How sure the network is (multiplies the logits 2, 1, 0.1, −1)",
        "es": "Seguridad de la red (multiplica los logits 2; 1; 0,1; −1)",
    },
    "output_layers.double_text": {
        "en": (
            "`from_logits=True` tells the loss that it receives raw scores and must apply softmax "
            "itself. If the layer already applied softmax, the loss squashes the probabilities a second "
            "time: they flatten towards equal values, the loss stays high even for a perfect answer, and "
            "the gradients are tiny. Use softmax with `from_logits=False` (the default), or no activation "
            "with `from_logits=True`."
        ),
        "es": (
            "`from_logits=True` le dice a la función de coste que recibe puntuaciones sin procesar y que "
            "debe aplicar softmax ella misma. Si la capa ya aplicó softmax, las probabilidades se aplastan "
            "por segunda vez: se acercan a valores iguales, el coste sigue alto incluso con una respuesta "
            "perfecta y los gradientes son diminutos. Usa softmax con `from_logits=False` (el valor por "
            "defecto) o ninguna activación con `from_logits=True`."
        ),
    },
    "output_layers.model_output": {"en": "Model output (softmax)", "es": "Salida del modelo (softmax)"},
    "output_layers.seen_by_loss": {"en": "What the loss uses (softmax twice)", "es": "Lo que usa el coste (softmax dos veces)"},
    "output_layers.right_loss": {"en": "Loss, from_logits=False", "es": "Coste, from_logits=False"},
    "output_layers.wrong_loss": {"en": "Loss, from_logits=True", "es": "Coste, from_logits=True"},
    "output_layers.floor": {
        "en": "With 4 classes, the wrong setting can never go below {floor:.3f}, even when the network is certain and right; with 10 classes (MNIST) the floor is {floor10:.3f}.",
        "es": "Con 4 clases, la configuración errónea nunca baja de {floor:.3f}, aunque la red acierte con total seguridad; con 10 clases (MNIST) el suelo es {floor10:.3f}.",
    },
    "output_layers.sigmoid_text": {
        "en": (
            "With one sigmoid per class each output is an independent yes/no, so they need not sum to 1. "
            "The cross-entropy formula −log ŷ_true only looks at the true class, so answering “yes” to "
            "every class looks almost perfect. Keras hides part of the problem by rescaling the outputs "
            "to sum 1 inside the loss, but the model's own outputs are still not probabilities of one class."
        ),
        "es": (
            "Con una sigmoide por clase, cada salida es un sí/no independiente, así que no tienen por qué "
            "sumar 1. La fórmula −log ŷ_real solo mira la clase real, de modo que responder «sí» a todas "
            "las clases parece casi perfecto. Keras oculta parte del problema reescalando las salidas para "
            "que sumen 1 dentro del coste, pero las salidas del modelo siguen sin ser probabilidades de una sola clase."
        ),
    },
    "output_layers.sigmoid_outputs": {"en": "Sigmoid outputs", "es": "Salidas sigmoide"},
    "output_layers.softmax_outputs": {"en": "Softmax outputs", "es": "Salidas softmax"},
    "output_layers.formula_loss": {"en": "−log ŷ_true on sigmoid outputs", "es": "−log ŷ_real con salidas sigmoide"},
    "output_layers.keras_loss": {"en": "Keras (rescales first)", "es": "Keras (reescala antes)"},
    "output_layers.softmax_loss": {"en": "Right: softmax", "es": "Correcto: softmax"},
    "output_layers.all_yes": {
        "en": "A network that says “yes” to all four classes (logits 6, 6, 6, 6) scores {formula:.4f} with the raw formula: it looks perfect while it is useless.",
        "es": "Una red que dice «sí» a las cuatro clases (logits 6; 6; 6; 6) obtiene {formula:.4f} con la fórmula directa: parece perfecta y no sirve para nada.",
    },
    "output_layers.scale_text": {
        "en": (
            "A model learns from inputs in the range it was trained on. Here a small classifier learned "
            "to tell thin “1”s from round “0”s by their mean brightness, with pixels divided by 255. New "
            "images must be divided by 255 too. Divide them by a smaller number (the course's text uses 32) "
            "and the same images look brighter than anything it has seen; by a larger number, darker."
        ),
        "es": (
            "Un modelo aprende con entradas en el rango con el que se entrenó. Aquí un pequeño clasificador "
            "ha aprendido a distinguir «1» finos de «0» redondos por su brillo medio, con los píxeles "
            "divididos entre 255. Las imágenes nuevas también deben dividirse entre 255. Si se dividen entre "
            "un número menor (el texto del curso usa 32), las mismas imágenes parecen más brillantes que todo "
            "lo que ha visto; entre uno mayor, más oscuras."
        ),
    },
    "output_layers.divisor": {"en": "New images divided by", "es": "Imágenes nuevas divididas entre"},
    "output_layers.train_range": {"en": "Training inputs (÷ 255)", "es": "Entradas de entrenamiento (÷ 255)"},
    "output_layers.new_range": {"en": "New inputs (÷ {divisor:g})", "es": "Entradas nuevas (÷ {divisor:g})"},
    "output_layers.accuracy_right": {"en": "Accuracy, ÷ 255", "es": "Exactitud, ÷ 255"},
    "output_layers.accuracy_new": {"en": "Accuracy, ÷ {divisor:g}", "es": "Exactitud, ÷ {divisor:g}"},
    "output_layers.scale_result.brighter": {
        "en": (
            "The model switches from “1” to “0” at a brightness of {threshold:.0f} out of 255 "
            "({scaled:.2f} after dividing by 255). Divided by {divisor:g}, the new images are brighter and reach "
            "up to {high:.2f}: {share_zero:.0%} of them now land on the “0” side, so the accuracy falls from "
            "{right:.0%} to {accuracy:.0%}."
        ),
        "es": (
            "El modelo pasa de «1» a «0» con un brillo de {threshold:.0f} sobre 255 "
            "({scaled:.2f} tras dividir entre 255). Divididas entre {divisor:g}, las imágenes nuevas son más "
            "brillantes y llegan hasta {high:.2f}: el {share_zero:.0%} cae ahora del lado del «0», así que la "
            "exactitud baja del {right:.0%} al {accuracy:.0%}."
        ),
    },
    "output_layers.scale_result.same": {
        "en": (
            "Divided by 255, the new images are scaled exactly like the training ones: the model switches from "
            "“1” to “0” at a brightness of {threshold:.0f} out of 255 ({scaled:.2f}) and keeps its accuracy of {accuracy:.0%}."
        ),
        "es": (
            "Divididas entre 255, las imágenes nuevas tienen la misma escala que las de entrenamiento: el modelo "
            "pasa de «1» a «0» con un brillo de {threshold:.0f} sobre 255 ({scaled:.2f}) y mantiene su exactitud del {accuracy:.0%}."
        ),
    },
    "output_layers.scale_result.darker": {
        "en": (
            "The model switches from “1” to “0” at a brightness of {threshold:.0f} out of 255 "
            "({scaled:.2f} after dividing by 255). Divided by {divisor:g}, the new images are darker and reach "
            "only {high:.2f}: {share_one:.0%} of them now land on the “1” side, so the accuracy falls from "
            "{right:.0%} to {accuracy:.0%}."
        ),
        "es": (
            "El modelo pasa de «1» a «0» con un brillo de {threshold:.0f} sobre 255 "
            "({scaled:.2f} tras dividir entre 255). Divididas entre {divisor:g}, las imágenes nuevas son más "
            "oscuras y solo llegan hasta {high:.2f}: el {share_one:.0%} cae ahora del lado del «1», así que la "
            "exactitud baja del {right:.0%} al {accuracy:.0%}."
        ),
    },
    "output_layers.range_value": {"en": "{low:.2f} to {high:.2f}", "es": "de {low:.2f} a {high:.2f}"},
}
