"""Strings of the page "Neurons and logic gates" (slug ``neurons``)."""

STRINGS = {
    "neurons.title": {"en": "Neurons and logic gates", "es": "Neuronas y puertas lógicas"},
    "neurons.summary": {
        "en": "Wire a McCulloch–Pitts neuron as a logic gate, watch the perceptron rule learn AND "
              "and fail on XOR, then see a small network bend its boundary around XOR.",
        "es": "Configura una neurona de McCulloch–Pitts como puerta lógica, observa cómo la regla del "
              "perceptrón aprende AND y fracasa con XOR, y mira cómo una pequeña red curva su frontera "
              "alrededor de XOR.",
    },
    "neurons.intro": {
        "en": "A single artificial neuron adds up its inputs and fires when the sum crosses a threshold, "
              "which is enough to behave like AND, OR or NOT. What one neuron can never do is XOR, and "
              "finding out why leads straight to the multilayer perceptron.",
        "es": "Una neurona artificial suma sus entradas y se activa cuando la suma supera un umbral, y "
              "con eso basta para comportarse como AND, OR o NOT. Lo que una sola neurona nunca puede "
              "hacer es XOR, y entender por qué lleva directamente al perceptrón multicapa.",
    },
    "neurons.tab_mp": {"en": "McCulloch–Pitts neuron", "es": "Neurona de McCulloch–Pitts"},
    "neurons.tab_perceptron": {"en": "Perceptron", "es": "Perceptrón"},
    "neurons.tab_mlp": {"en": "Multilayer perceptron", "es": "Perceptrón multicapa"},
    # --- McCulloch–Pitts
    "neurons.mp_explain": {
        "en": "Binary inputs, no weights: the neuron counts its active excitatory inputs and fires (1) when "
              "the count reaches the threshold θ. Inhibitory inputs hold it back.",
        "es": "Entradas binarias y sin pesos: la neurona cuenta sus entradas excitadoras activas y se activa "
              "(1) cuando la cuenta alcanza el umbral θ. Las entradas inhibidoras la frenan.",
    },
    "neurons.mp_n_inputs": {"en": "Number of inputs", "es": "Número de entradas"},
    "neurons.mp_inhibitory": {"en": "Inhibitory inputs", "es": "Entradas inhibidoras"},
    "neurons.mp_inhibition": {"en": "How inhibition works", "es": "Cómo actúa la inhibición"},
    "neurons.mode_absolute": {
        "en": "Absolute (original): one active inhibitory input silences the neuron",
        "es": "Absoluta (original): una entrada inhibidora activa silencia la neurona",
    },
    "neurons.mode_subtractive": {
        "en": "Subtractive: each active inhibitory input subtracts 1 from the count",
        "es": "Sustractiva: cada entrada inhibidora activa resta 1 a la cuenta",
    },
    "neurons.mp_all_excitatory": {"en": "None: all inputs excitatory", "es": "Ninguna: todas excitadoras"},
    "neurons.diagram_heaviside": {"en": "step", "es": "escalón"},
    "neurons.diagram_sign": {"en": "sign", "es": "signo"},
    "neurons.mp_threshold": {"en": "Threshold θ", "es": "Umbral θ"},
    "neurons.mp_truth_table": {"en": "Truth table", "es": "Tabla de verdad"},
    "neurons.mp_is_gate": {"en": "This neuron computes **{gate}**.", "es": "Esta neurona calcula **{gate}**."},
    "neurons.mp_no_gate": {
        "en": "This truth table is not one of the classic gates.",
        "es": "Esta tabla de verdad no es ninguna de las puertas clásicas.",
    },
    "neurons.mp_target": {"en": "Gate to build", "es": "Puerta que quieres construir"},
    "neurons.mp_search": {"en": "Can a single neuron be {gate}?", "es": "¿Puede una sola neurona ser {gate}?"},
    "neurons.mp_found": {
        "en": "Yes. Configurations that compute {gate}: {count} of the {tried} possible ones ({mode} inhibition). "
              "The simplest: {config}.",
        "es": "Sí. Configuraciones que calculan {gate}: {count} de las {tried} posibles (inhibición {mode}). "
              "La más sencilla: {config}.",
    },
    "neurons.mp_not_linearly_separable": {
        "en": "No. None of the {tried} possible configurations ({mode} inhibition) computes {gate}, and since "
              "the search tried them all, that is a proof. The reason goes deeper than this neuron: no straight "
              "line can put the inputs where {gate} gives 1 on one side and those where it gives 0 on the other, "
              "so no single threshold unit can compute it, not even a perceptron with weights. It takes two "
              "layers (see the multilayer perceptron tab).",
        "es": "No. Ninguna de las {tried} configuraciones posibles (inhibición {mode}) calcula {gate}, y como "
              "la búsqueda las ha probado todas, es una demostración. El motivo va más allá de esta neurona: "
              "ninguna línea recta deja a un lado las entradas en las que {gate} da 1 y al otro las que dan 0, "
              "así que ninguna unidad de umbral puede calcularla, ni siquiera un perceptrón con pesos. Hacen "
              "falta dos capas (mira la pestaña del perceptrón multicapa).",
    },
    "neurons.mp_needs_weights": {
        "en": "No. None of the {tried} possible configurations ({mode} inhibition) computes {gate}. Yet a "
              "straight line does separate its 1s from its 0s, so a unit with weights can: the perceptron "
              "learns it. With absolute inhibition every input that can turn the output off vetoes it "
              "completely, which {gate} does not allow; try subtractive inhibition.",
        "es": "No. Ninguna de las {tried} configuraciones posibles (inhibición {mode}) calcula {gate}. Sin "
              "embargo, una línea recta sí separa sus unos de sus ceros, así que una unidad con pesos puede: "
              "el perceptrón la aprende. Con inhibición absoluta, toda entrada capaz de apagar la salida la "
              "anula por completo, y {gate} no lo permite; prueba con la inhibición sustractiva.",
    },
    "neurons.mode_name_absolute": {"en": "absolute", "es": "absoluta"},
    "neurons.mode_name_subtractive": {"en": "subtractive", "es": "sustractiva"},
    "neurons.mp_config": {
        "en": "θ = {threshold}, inhibitory inputs: {inhibitory}",
        "es": "θ = {threshold}, entradas inhibidoras: {inhibitory}",
    },
    "neurons.none": {"en": "none", "es": "ninguna"},
    # --- perceptron
    "neurons.p_explain": {
        "en": "The perceptron is a threshold logic unit (TLU): its aggregation function adds each input times "
              "its weight plus a bias w0 (the weight of a constant input 1), z = w0 + w1·x1 + w2·x2, and a step "
              "function turns z into the output. "
              "It learns the weights with the rule w ← w + η (y − ŷ) x, one row of the truth table at a time.",
        "es": "El perceptrón es una unidad lógica de umbral (TLU, por sus siglas en inglés): su función de "
              "agregación suma cada entrada por su peso más un bias w0 (el peso de una entrada constante 1), "
              "z = w0 + w1·x1 + w2·x2, y una función escalón convierte z en la salida. "
              "Aprende los pesos con la regla w ← w + η (y − ŷ) x, fila a fila de la tabla de verdad.",
    },
    "neurons.p_gate": {"en": "Gate", "es": "Puerta"},
    "neurons.custom": {"en": "Custom table", "es": "Tabla personalizada"},
    "neurons.p_custom_help": {
        "en": "Type the output of each row (0 or 1).",
        "es": "Escribe la salida de cada fila (0 o 1).",
    },
    "neurons.p_activation": {"en": "Activation", "es": "Función de activación"},
    "neurons.act_heaviside": {"en": "Heaviside step (0 / 1)", "es": "Escalón de Heaviside (0 / 1)"},
    "neurons.act_sign": {"en": "Sign (−1 / 0 / 1)", "es": "Signo (−1 / 0 / 1)"},
    "neurons.learning_rate": {"en": "Learning rate η", "es": "Tasa de aprendizaje η"},
    "neurons.epochs": {"en": "Epochs (budget)", "es": "Épocas (máximo)"},
    "neurons.seed": {"en": "Seed of the initial weights", "es": "Semilla de los pesos iniciales"},
    "neurons.p_train": {"en": "Train the perceptron", "es": "Entrenar el perceptrón"},
    "neurons.p_press_train": {
        "en": "Choose a gate and press **Train the perceptron**.",
        "es": "Elige una puerta y pulsa **Entrenar el perceptrón**.",
    },
    "neurons.stale": {
        "en": "The settings changed: press the train button to see their effect.",
        "es": "Has cambiado los ajustes: pulsa el botón de entrenar para ver su efecto.",
    },
    "neurons.p_converged": {
        "en": "Converged: epoch {epoch} went through the whole table without a single error. The final "
              "line puts every 1 on one side and every 0 on the other.",
        "es": "Ha convergido: en la época {epoch} recorrió toda la tabla sin un solo error. La línea final "
              "deja todos los unos a un lado y todos los ceros al otro.",
    },
    "neurons.p_cycle": {
        "en": "Never converges. At the end of epoch {epoch} the weights are exactly those of the end of epoch "
              "{earlier}, so training would repeat the same updates forever. The reason: {gate} is not "
              "linearly separable, no straight line puts its 1s on one side and its 0s on the other.",
        "es": "Nunca converge. Al final de la época {epoch} los pesos son exactamente los del final de la época "
              "{earlier}, así que el entrenamiento repetiría las mismas actualizaciones para siempre. El motivo: "
              "{gate} no es linealmente separable, ninguna línea recta deja sus unos a un lado y sus ceros al otro.",
    },
    "neurons.p_budget_separable": {
        "en": "Not converged after {epochs} epochs. {gate} is linearly separable, so the perceptron is "
              "guaranteed to get there: give it more epochs.",
        "es": "No ha convergido en {epochs} épocas. {gate} es linealmente separable, así que el perceptrón "
              "llegará con seguridad: dale más épocas.",
    },
    "neurons.p_budget_not_separable": {
        "en": "Never converges: {epochs} epochs and still errors. {gate} is not linearly separable, no "
              "straight line puts its 1s on one side and its 0s on the other.",
        "es": "Nunca converge: {epochs} épocas y sigue fallando. {gate} no es linealmente separable, ninguna "
              "línea recta deja sus unos a un lado y sus ceros al otro.",
    },
    "neurons.p_sign_labels": {
        "en": "With the sign function the classes are written −1 and 1 (a 0 in the table becomes −1), so y − ŷ "
              "can be −2, −1, 0, 1 or 2.",
        "es": "Con la función signo las clases se escriben −1 y 1 (un 0 de la tabla pasa a ser −1), así que "
              "y − ŷ puede valer −2, −1, 0, 1 o 2.",
    },
    "neurons.p_step": {"en": "Replay training: step", "es": "Reproducir el entrenamiento: paso"},
    "neurons.p_step_start": {
        "en": "Step 0: the random initial weights, before any update.",
        "es": "Paso 0: los pesos iniciales aleatorios, antes de ninguna actualización.",
    },
    "neurons.p_step_caption": {
        "en": "Epoch {epoch}, row {sample}: x = {x}, y = {y}, z = {z}, ŷ = {prediction}.",
        "es": "Época {epoch}, fila {sample}: x = {x}, y = {y}, z = {z}, ŷ = {prediction}.",
    },
    "neurons.p_no_change": {
        "en": "Right answer: y − ŷ = 0, so the weights do not move.",
        "es": "Respuesta correcta: y − ŷ = 0, así que los pesos no se mueven.",
    },
    "neurons.p_trace": {"en": "Training trace, step by step", "es": "Traza del entrenamiento, paso a paso"},
    "neurons.class": {"en": "class y", "es": "clase y"},
    "neurons.errors": {"en": "errors", "es": "errores"},
    "neurons.p_plane_caption": {
        "en": "Points: the rows of the table, red where y = 1 and blue where y = 0. Background: the class the "
              "perceptron predicts there. Black line: w0 + w1·x1 + w2·x2 = 0. Orange ring: the row of this step.",
        "es": "Puntos: las filas de la tabla, en rojo si y = 1 y en azul si y = 0. Fondo: la clase que predice "
              "el perceptrón en esa zona. Línea negra: w0 + w1·x1 + w2·x2 = 0. Anillo naranja: la fila de este paso.",
    },
    "neurons.p_errors_caption": {
        "en": "Rows misclassified in each epoch.",
        "es": "Filas mal clasificadas en cada época.",
    },
    "neurons.epoch": {"en": "epoch", "es": "época"},
    # --- MLP
    # --- errors raised by rna_core.neurons / rna_core.mlp
    "neurons.error_n_inputs": {
        "en": "A neuron here has between 1 and {max} inputs.",
        "es": "Aquí una neurona tiene entre 1 y {max} entradas.",
    },
    "neurons.error_rows": {
        "en": "A truth table needs 2, 4, 8 or 16 rows, not {rows}.",
        "es": "Una tabla de verdad necesita 2, 4, 8 o 16 filas, no {rows}.",
    },
    "neurons.error_binary": {
        "en": "Row {row} of the truth table has the output “{value}”: a logic gate's outputs can only be 0 or 1.",
        "es": "La fila {row} de la tabla de verdad tiene la salida «{value}»: las salidas de una puerta lógica "
              "solo pueden ser 0 o 1.",
    },
    "neurons.error_gate": {"en": "Unknown gate “{name}”.", "es": "Puerta desconocida «{name}»."},
    "neurons.error_inhibition": {
        "en": "Inhibition is either absolute or subtractive.",
        "es": "La inhibición es absoluta o sustractiva.",
    },
    "neurons.error_threshold": {
        "en": "The threshold must be a whole number.",
        "es": "El umbral debe ser un número entero.",
    },
    "neurons.error_inputs": {
        "en": "The neuron expects {n} inputs, each 0 or 1.",
        "es": "La neurona espera {n} entradas, cada una 0 o 1.",
    },
    "neurons.error_activation": {
        "en": "Choose one of the activations in the list.",
        "es": "Elige una de las funciones de activación de la lista.",
    },
    "neurons.error_learning_rate": {
        "en": "The learning rate η must be a positive number (you gave {value}): it is the size of each step.",
        "es": "La tasa de aprendizaje η debe ser un número positivo (has puesto {value}): es el tamaño de "
              "cada paso.",
    },
    "neurons.error_epochs": {
        "en": "The number of epochs must be a whole number from 1 to {max} (you gave {value}).",
        "es": "El número de épocas debe ser un entero entre 1 y {max} (has puesto {value}).",
    },
    "neurons.col.epoch": {"en": "epoch", "es": "época"},
    "neurons.col.sample": {"en": "row", "es": "fila"},
}
