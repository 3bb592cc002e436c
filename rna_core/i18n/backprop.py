"""Strings of the backpropagation page."""

_FIELDS = {
    "inputs": ("The inputs", "Las entradas"),
    "target": ("The target", "El objetivo"),
    "weights": ("The weights of layer {layer}", "Los pesos de la capa {layer}"),
    "biases": ("The biases of layer {layer}", "Los bias de la capa {layer}"),
}

STRINGS = {
    "backprop.title": {"en": "Backpropagation", "es": "Retropropagación"},
    "backprop.summary": {
        "en": "One example, one small network, every number: the chain rule computes each weight's gradient.",
        "es": "Un ejemplo, una red pequeña y todos sus números: la regla de la cadena calcula el gradiente de cada peso.",
    },
    "backprop.intro": {
        "en": (
            "Gradient descent needs the slope of the loss with respect to every weight, and "
            "backpropagation gets all of them in one sweep from the output back to the inputs, using "
            "the chain rule. Press the three buttons in turn and follow each number."
        ),
        "es": (
            "El descenso del gradiente necesita la pendiente de la pérdida respecto a cada peso, y la "
            "retropropagación las obtiene todas en un solo recorrido desde la salida hasta las entradas, "
            "aplicando la regla de la cadena. Pulsa los tres botones por orden y sigue cada número."
        ),
    },
    # --- 1 · the network ---------------------------------------------------------------------
    "backprop.setup_title": {"en": "1 · The network and one example", "es": "1 · La red y un ejemplo"},
    "backprop.setup_intro": {
        "en": (
            "Two inputs, two hidden units, one output: the smallest network that can learn XOR (choose "
            "1 to 4 hidden units). The example is the XOR row (1, 1) → 0. The weights are typed row by "
            "row, one row per unit of the layer before (w¹₁₂ joins input 1 to hidden unit 2)."
        ),
        "es": (
            "Dos entradas, dos neuronas ocultas y una salida: la red más pequeña capaz de aprender XOR "
            "(elige de 1 a 4 neuronas ocultas). El ejemplo es la fila (1, 1) → 0 de XOR. Los pesos se "
            "escriben fila a fila, una fila por neurona de la capa anterior (w¹₁₂ une la entrada 1 con "
            "la neurona oculta 2)."
        ),
    },
    "backprop.inputs": {"en": "Inputs x₁, x₂", "es": "Entradas x₁, x₂"},
    "backprop.target": {"en": "Target y", "es": "Objetivo y"},
    "backprop.hidden_units": {"en": "Hidden units", "es": "Neuronas ocultas"},
    "backprop.hidden_activation": {"en": "Hidden activation", "es": "Activación oculta"},
    "backprop.output_pair": {"en": "Output and loss", "es": "Salida y pérdida"},
    "backprop.pair.sigmoid_bce": {"en": "Sigmoid + cross-entropy", "es": "Sigmoide + entropía cruzada"},
    "backprop.pair.sigmoid_mse": {"en": "Sigmoid + squared error", "es": "Sigmoide + error cuadrático"},
    "backprop.pair.linear_mse": {"en": "Linear + squared error", "es": "Lineal + error cuadrático"},
    "backprop.pair.tanh_mse": {"en": "Tanh + squared error", "es": "Tanh + error cuadrático"},
    "backprop.weights_1": {"en": "Weights W¹ (rows x₁, x₂)", "es": "Pesos W¹ (filas x₁, x₂)"},
    "backprop.biases_1": {"en": "Biases b¹ (one per hidden unit)", "es": "Bias b¹ (uno por neurona oculta)"},
    "backprop.weights_2": {"en": "Weights W² (one row per hidden unit)", "es": "Pesos W² (una fila por neurona oculta)"},
    "backprop.biases_2": {"en": "Bias b²", "es": "Bias b²"},
    "backprop.learning_rate": {"en": "Learning rate η", "es": "Tasa de aprendizaje η"},
    # --- steps -------------------------------------------------------------------------------
    "backprop.do_forward": {"en": "Forward", "es": "Hacia delante"},
    "backprop.do_backward": {"en": "Backward", "es": "Hacia atrás"},
    "backprop.do_update": {"en": "Update", "es": "Actualizar"},
    "backprop.reset": {"en": "Start again", "es": "Empezar de nuevo"},
    "backprop.replay": {"en": "Replay", "es": "Repetición"},
    "backprop.position": {
        "en": "Step {step} · {stage}",
        "es": "Paso {step} · {stage}",
    },
    "backprop.stage.none": {"en": "nothing computed yet", "es": "nada calculado aún"},
    "backprop.stage.forward": {"en": "forward pass", "es": "pasada hacia delante"},
    "backprop.stage.backward": {"en": "backward pass", "es": "pasada hacia atrás"},
    "backprop.stage.update": {"en": "weights updated", "es": "pesos actualizados"},
    "backprop.press_forward": {
        "en": "Press **Forward** to send the example through the network.",
        "es": "Pulsa **Hacia delante** para pasar el ejemplo por la red.",
    },
    "backprop.loss_before": {"en": "Loss", "es": "Pérdida"},
    "backprop.loss_after": {"en": "Loss after the update", "es": "Pérdida tras actualizar"},
    "backprop.legend": {
        "en": "Colours: :blue[z and a, forward] · :orange[δ, error terms] · :green[∂L/∂w, gradients] (thicker edge, larger gradient).",
        "es": "Colores: :blue[z y a, hacia delante] · :orange[δ, términos de error] · :green[∂L/∂w, gradientes] (arista más gruesa, gradiente mayor).",
    },
    # --- forward -----------------------------------------------------------------------------
    "backprop.forward_title": {"en": "Forward pass", "es": "Pasada hacia delante"},
    "backprop.forward_text": {
        "en": (
            "Each unit applies its aggregation function, z = Σ w·a + b, then its activation, a = f(z). "
            "The output ŷ and the target y give the loss L."
        ),
        "es": (
            "Cada neurona aplica su función de agregación, z = Σ w·a + b, y después su activación, "
            "a = f(z). La salida ŷ y el objetivo y dan la pérdida L."
        ),
    },
    # --- backward ----------------------------------------------------------------------------
    "backprop.backward_title": {"en": "Backward pass: the chain rule", "es": "Pasada hacia atrás: la regla de la cadena"},
    "backprop.backward_text": {
        "en": (
            "The error term δ = ∂L/∂z of a unit says how much the loss moves when the unit's z moves. "
            "At the output it is ∂L/∂ŷ times f'(z). A hidden unit collects the δ of the units it feeds, "
            "each weighted by the weight between them, and multiplies by its own f'(z): the chain rule, "
            "one layer back at a time. Then each weight's gradient is the δ at its end times the a at "
            "its start."
        ),
        "es": (
            "El término de error δ = ∂L/∂z de una neurona dice cuánto cambia la pérdida cuando cambia su z. "
            "En la salida es ∂L/∂ŷ por f'(z). Una neurona oculta reúne los δ de las neuronas a las que "
            "alimenta, cada uno multiplicado por el peso que las une, y multiplica por su propia f'(z): la "
            "regla de la cadena, capa a capa hacia atrás. El gradiente de cada peso es el δ de su extremo "
            "final por la a de su origen."
        ),
    },
    "backprop.pairing_title": {
        "en": "Why cross-entropy goes with a sigmoid output",
        "es": "Por qué la entropía cruzada va con una salida sigmoide",
    },
    "backprop.pairing_text": {
        "en": (
            "With cross-entropy, the sigmoid's slope σ'(z) = ŷ(1 − ŷ) cancels and the output δ is just "
            "ŷ − y: a big mistake gives a big correction. With squared error the slope stays as an extra "
            "factor, and it is nearly 0 whenever the sigmoid is sure, even when it is surely wrong, so the "
            "network hardly learns from its worst mistakes. Softmax with categorical cross-entropy cancels "
            "the same way (δ = p − y)."
        ),
        "es": (
            "Con entropía cruzada, la pendiente de la sigmoide σ'(z) = ŷ(1 − ŷ) se cancela y el δ de salida "
            "es simplemente ŷ − y: un error grande da una corrección grande. Con el error cuadrático la "
            "pendiente queda como factor extra y vale casi 0 cuando la sigmoide está segura, aunque esté "
            "segura de algo falso, así que la red apenas aprende de sus peores errores. Softmax con "
            "entropía cruzada categórica se cancela igual (δ = p − y)."
        ),
    },
    "backprop.delta_axis": {"en": "|δ| at the output", "es": "|δ| en la salida"},
    "backprop.prediction_axis": {"en": "Prediction ŷ", "es": "Predicción ŷ"},
    "backprop.loss.binary_crossentropy": {"en": "Cross-entropy: ŷ − y", "es": "Entropía cruzada: ŷ − y"},
    "backprop.loss.mean_squared_error": {
        "en": "Squared error: 2(ŷ − y)·ŷ(1 − ŷ)",
        "es": "Error cuadrático: 2(ŷ − y)·ŷ(1 − ŷ)",
    },
    "backprop.delta_chart_title": {"en": "Output δ when y = {y:g}", "es": "δ de salida cuando y = {y:g}"},
    # --- check -------------------------------------------------------------------------------
    "backprop.check_title": {"en": "Check it: finite differences", "es": "Compruébalo: diferencias finitas"},
    "backprop.check_text": {
        "en": (
            "Without any chain rule, nudge one weight by h = 10⁻⁶ up and down and see how the loss "
            "changes: (L(w + h) − L(w − h)) / 2h. Backpropagation gives the same numbers, for all weights "
            "at once."
        ),
        "es": (
            "Sin regla de la cadena: mueve un peso h = 10⁻⁶ arriba y abajo y mira cuánto cambia la pérdida: "
            "(L(w + h) − L(w − h)) / 2h. La retropropagación da los mismos números, para todos los pesos "
            "a la vez."
        ),
    },
    "backprop.col.parameter": {"en": "Parameter", "es": "Parámetro"},
    "backprop.col.value": {"en": "Value", "es": "Valor"},
    "backprop.col.backprop": {"en": "Gradient (backpropagation)", "es": "Gradiente (retropropagación)"},
    "backprop.col.finite_difference": {"en": "Finite differences", "es": "Diferencias finitas"},
    "backprop.col.relative_difference": {"en": "Relative difference", "es": "Diferencia relativa"},
    "backprop.col.new_value": {"en": "After the update", "es": "Tras actualizar"},
    "backprop.check_ok": {
        "en": "Largest relative difference {difference:.1e}: backpropagation and finite differences agree.",
        "es": "Mayor diferencia relativa {difference:.1e}: la retropropagación y las diferencias finitas coinciden.",
    },
    "backprop.check_off": {
        "en": "Largest relative difference {difference:.1e}: a weight sits on a kink of the activation, where the slope jumps.",
        "es": "Mayor diferencia relativa {difference:.1e}: algún peso está en un pico de la activación, donde la pendiente salta.",
    },
    # --- update ------------------------------------------------------------------------------
    "backprop.update_title": {"en": "Update: one step of gradient descent", "es": "Actualización: un paso de descenso del gradiente"},
    "backprop.update_text": {
        "en": (
            "Every weight moves against its gradient, w ← w − η·∂L/∂w. The same example then gives a "
            "smaller loss: {before:.4f} → {after:.4f}."
        ),
        "es": (
            "Cada peso se mueve en contra de su gradiente, w ← w − η·∂L/∂w. El mismo ejemplo da entonces "
            "una pérdida menor: {before:.4f} → {after:.4f}."
        ),
    },
    "backprop.update_worse": {
        "en": "The loss went up ({before:.4f} → {after:.4f}): the learning rate is too large for this step.",
        "es": "La pérdida ha subido ({before:.4f} → {after:.4f}): la tasa de aprendizaje es demasiado grande para este paso.",
    },
    # --- depth -------------------------------------------------------------------------------
    "backprop.depth_title": {"en": "2 · Gradient flow in a deep network", "es": "2 · El gradiente en una red profunda"},
    "backprop.depth_intro": {
        "en": (
            "Each layer back, the chain rule multiplies by that layer's weights and by f'(z). Over many "
            "layers the product shrinks towards 0 (**vanishing gradient**: the first layers stop learning) "
            "or grows without bound (**exploding gradient**: the steps overshoot). Here 32 random "
            "MNIST-sized images go through a deep network; the chart shows how large each layer's "
            "gradient is, at the start and after {steps} steps of gradient descent."
        ),
        "es": (
            "En cada capa hacia atrás, la regla de la cadena multiplica por los pesos de esa capa y por "
            "f'(z). Tras muchas capas el producto se encoge hacia 0 (**desvanecimiento del gradiente**: las "
            "primeras capas dejan de aprender) o crece sin límite (**explosión del gradiente**: los pasos se "
            "pasan de largo). Aquí 32 imágenes aleatorias del tamaño de MNIST atraviesan una red profunda; "
            "el gráfico muestra el tamaño del gradiente de cada capa, al principio y tras {steps} pasos de "
            "descenso del gradiente."
        ),
    },
    "backprop.depth_activation": {"en": "Hidden activation", "es": "Activación oculta"},
    "backprop.init": {"en": "Weight initialisation", "es": "Inicialización de los pesos"},
    "backprop.init.zeros": {"en": "Zeros", "es": "Ceros"},
    "backprop.init.small": {"en": "Small random (σ = 0.01)", "es": "Aleatoria pequeña (σ = 0,01)"},
    "backprop.init.glorot": {"en": "Glorot (Xavier)", "es": "Glorot (Xavier)"},
    "backprop.init.he": {"en": "He", "es": "He"},
    "backprop.init.large": {"en": "Large random (σ = 1)", "es": "Aleatoria grande (σ = 1)"},
    "backprop.depth": {"en": "Hidden layers", "es": "Capas ocultas"},
    "backprop.width": {"en": "Units per layer", "es": "Neuronas por capa"},
    "backprop.layer_axis": {"en": "Layer (1 = next to the input)", "es": "Capa (1 = junto a la entrada)"},
    "backprop.norm_axis": {"en": "Gradient size ‖∂L/∂W‖ (log scale)", "es": "Tamaño del gradiente ‖∂L/∂W‖ (escala log.)"},
    "backprop.moment.start": {"en": "At the start", "es": "Al principio"},
    "backprop.moment.after": {"en": "After {steps} steps", "es": "Tras {steps} pasos"},
    "backprop.flow.healthy": {
        "en": "Healthy: the first layer gets a gradient of the same order as the last one, so every layer learns.",
        "es": "Sano: la primera capa recibe un gradiente del mismo orden que la última, así que todas las capas aprenden.",
    },
    "backprop.flow.vanishing": {
        "en": "Vanishing gradient: the layers near the input get almost nothing and barely learn.",
        "es": "Desvanecimiento del gradiente: las capas cercanas a la entrada apenas reciben gradiente y casi no aprenden.",
    },
    "backprop.flow.exploding": {
        "en": "Exploding gradient: the gradients are huge, and a step of gradient descent throws the weights far off.",
        "es": "Explosión del gradiente: los gradientes son enormes y un paso de descenso del gradiente lanza los pesos muy lejos.",
    },
    "backprop.flow.none": {
        "en": "No gradient at all reaches the hidden layers: with every weight 0, every hidden output and δ is 0 too.",
        "es": "No llega ningún gradiente a las capas ocultas: con todos los pesos a 0, todas las salidas y los δ ocultos son 0.",
    },
    "backprop.symmetric": {
        "en": (
            "Symmetry: after {steps} steps each hidden layer still has {distinct} distinct unit(s) out of "
            "{width}. Units that start equal get equal gradients and stay equal forever: the layer works "
            "like a single unit. Random initial weights break the symmetry."
        ),
        "es": (
            "Simetría: tras {steps} pasos cada capa oculta sigue teniendo {distinct} neurona(s) distinta(s) "
            "de {width}. Neuronas que empiezan iguales reciben gradientes iguales y siguen iguales para "
            "siempre: la capa funciona como una sola neurona. Unos pesos iniciales aleatorios rompen la simetría."
        ),
    },
    "backprop.good_pairs": {
        "en": (
            "Good pairs: **ReLU + He** (variance 2/fan-in makes up for ReLU switching off half the units) "
            "and **tanh + Glorot** (variance 2/(fan-in + fan-out) keeps the signal's size both ways). "
            "Sigmoid's slope is at most 0.25, so deep sigmoid networks vanish whatever the start."
        ),
        "es": (
            "Parejas buenas: **ReLU + He** (varianza 2/entradas compensa que ReLU apague la mitad de las "
            "neuronas) y **tanh + Glorot** (varianza 2/(entradas + salidas) mantiene el tamaño de la señal "
            "en ambos sentidos). La pendiente de la sigmoide es como mucho 0,25, así que las redes sigmoides "
            "profundas se desvanecen empiecen como empiecen."
        ),
    },
    "backprop.units_title": {
        "en": "First hidden layer after {steps} steps: one column per unit",
        "es": "Primera capa oculta tras {steps} pasos: una columna por neurona",
    },
    "backprop.units_axis": {"en": "Unit", "es": "Neurona"},
    "backprop.examples_axis": {"en": "Example", "es": "Ejemplo"},
    "backprop.output_axis": {"en": "Output a", "es": "Salida a"},
    "backprop.overview_title": {"en": "Every pair at the start", "es": "Todas las parejas al principio"},
    "backprop.overview_caption": {
        "en": "Each cell: a network of {depth} hidden layers of {width} units at its first step, named by its first layer's gradient against its last layer's.",
        "es": "Cada casilla: una red de {depth} capas ocultas de {width} neuronas en su primer paso, según el gradiente de su primera capa frente al de la última.",
    },
    "backprop.overview_axis_init": {"en": "Initialisation", "es": "Inicialización"},
    "backprop.overview_axis_activation": {"en": "Activation", "es": "Activación"},
    "backprop.overview_color": {"en": "Gradient flow", "es": "Flujo del gradiente"},
    "backprop.flow_short.healthy": {"en": "healthy", "es": "sano"},
    "backprop.flow_short.vanishing": {"en": "vanishing", "es": "se desvanece"},
    "backprop.flow_short.exploding": {"en": "exploding", "es": "explota"},
    "backprop.flow_short.none": {"en": "none", "es": "ninguno"},
    # --- errors ------------------------------------------------------------------------------
    "backprop.error_target": {
        "en": "The target {value:g} is out of reach: this output gives values between {low:g} and {high:g}.",
        "es": "El objetivo {value:g} es inalcanzable: esta salida da valores entre {low:g} y {high:g}.",
    },
    "backprop.error_pairing": {
        "en": "Binary cross-entropy needs a probability: use a sigmoid output.",
        "es": "La entropía cruzada binaria necesita una probabilidad: usa una salida sigmoide.",
    },
}

for _field, (_en, _es) in _FIELDS.items():
    STRINGS[f"backprop.error_number.{_field}"] = {
        "en": f"{_en}: “{{token}}” is not a number. Type numbers separated by commas, such as 0.5, -0.4.",
        "es": f"{_es}: «{{token}}» no es un número. Escribe números separados por comas o punto y coma, como 0,5; -0,4.",
    }
    STRINGS[f"backprop.error_count.{_field}"] = {
        "en": f"{_en}: type exactly {{expected}} numbers.",
        "es": f"{_es}: escribe exactamente {{expected}} números.",
    }
    STRINGS[f"backprop.error_large.{_field}"] = {
        "en": f"{_en}: keep every number between −{{limit:g}} and {{limit:g}}.",
        "es": f"{_es}: cada número debe estar entre −{{limit:g}} y {{limit:g}}.",
    }
