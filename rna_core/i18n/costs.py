"""Strings of the cost-functions page."""

STRINGS = {
    "costs.title": {"en": "Cost functions", "es": "Funciones de coste"},
    "costs.summary": {
        "en": "What cross-entropy and mean squared error punish, and how gradient descent walks down a cost curve.",
        "es": "Qué castigan la entropía cruzada y el error cuadrático medio, y cómo baja el descenso del gradiente por una curva de coste.",
    },
    "costs.intro": {
        "en": (
            "A cost function turns the gap between the network's prediction ŷ and the true answer y "
            "into one number to make as small as possible. Gradient descent then nudges each weight "
            "against the slope of that number, step by step."
        ),
        "es": (
            "Una función de coste convierte la diferencia entre la predicción ŷ de la red y la "
            "respuesta real y en un único número que hay que hacer lo más pequeño posible. Después, "
            "el descenso del gradiente mueve cada peso en contra de la pendiente de ese número, paso a paso."
        ),
    },
    # binary cross-entropy
    "costs.bce_title": {"en": "Binary cross-entropy", "es": "Entropía cruzada binaria"},
    "costs.bce_intro": {
        "en": (
            "For a yes/no answer the network outputs ŷ, the probability of “yes”. If the truth is "
            "y = 1 the cost is −log(ŷ); if y = 0 it is −log(1 − ŷ). Both are 0 for a perfect answer "
            "and grow without limit for a confident wrong one."
        ),
        "es": (
            "Para una respuesta de sí/no la red da ŷ, la probabilidad de «sí». Si la verdad es "
            "y = 1, el coste es −log(ŷ); si y = 0, es −log(1 − ŷ). Ambos valen 0 con una respuesta "
            "perfecta y crecen sin límite cuando la red se equivoca con mucha seguridad."
        ),
    },
    "costs.y_hat": {"en": "Prediction ŷ", "es": "Predicción ŷ"},
    "costs.curve_y1": {"en": "y = 1: −log(ŷ)", "es": "y = 1: −log(ŷ)"},
    "costs.curve_y0": {"en": "y = 0: −log(1 − ŷ)", "es": "y = 0: −log(1 − ŷ)"},
    "costs.cost": {"en": "Cost", "es": "Coste"},
    "costs.cost_if_1": {"en": "Cost if y = 1", "es": "Coste si y = 1"},
    "costs.cost_if_0": {"en": "Cost if y = 0", "es": "Coste si y = 0"},
    "costs.bce_formula": {
        "en": "Both cases in one formula: the loss L of one example. The cost J is the mean of the losses over m examples:",
        "es": "Los dos casos en una sola fórmula: la pérdida L de un ejemplo. El coste J es la media de las pérdidas sobre m ejemplos:",
    },
    "costs.bce_typo": {
        "en": (
            "Watch the first term: it is y·log(ŷ). Some texts print y·log(1 − ŷ) there, which would "
            "make a confident “no” the cheapest answer for a positive example."
        ),
        "es": (
            "Fíjate en el primer término: es y·log(ŷ). Algunos textos escriben y·log(1 − ŷ), lo que "
            "haría que un «no» rotundo fuera la respuesta más barata para un ejemplo positivo."
        ),
    },
    "costs.batch_title": {"en": "The mean over a few examples", "es": "La media sobre unos cuantos ejemplos"},
    "costs.labels": {"en": "True labels y (0 or 1)", "es": "Etiquetas reales y (0 o 1)"},
    "costs.predictions": {"en": "Predictions ŷ (between 0 and 1)", "es": "Predicciones ŷ (entre 0 y 1)"},
    "costs.bad_labels": {
        "en": "The true labels must be 0 or 1.",
        "es": "Las etiquetas reales deben ser 0 o 1.",
    },
    "costs.mismatch": {
        "en": "Type as many predictions as labels ({labels} labels, {predictions} predictions).",
        "es": "Escribe tantas predicciones como etiquetas ({labels} etiquetas, {predictions} predicciones).",
    },
    "costs.example": {"en": "Example", "es": "Ejemplo"},
    "costs.mean_cost": {"en": "Mean binary cross-entropy", "es": "Entropía cruzada binaria media"},
    "costs.mean_rule": {"en": "mean", "es": "media"},
    # categorical cross-entropy
    "costs.cce_title": {"en": "Categorical cross-entropy", "es": "Entropía cruzada categórica"},
    "costs.cce_intro": {
        "en": (
            "With several classes the true answer is one-hot (dog = [1, 0, 0, 0]) and the cost is "
            "−Σ y_j·log(ŷ_j): only the probability given to the true class counts, −log(ŷ_true)."
        ),
        "es": (
            "Con varias clases la respuesta real es un vector one-hot (perro = [1, 0, 0, 0]) y el coste "
            "es −Σ y_j·log(ŷ_j): solo cuenta la probabilidad asignada a la clase real, −log(ŷ_real)."
        ),
    },
    "costs.logits": {
        "en": "Logits for dog, cat, bird, fish (four numbers)",
        "es": "Logits de perro, gato, ave, pez (cuatro números)",
    },
    "costs.true_class": {"en": "True class", "es": "Clase real"},
    "costs.probability": {"en": "Probability (softmax)", "es": "Probabilidad (softmax)"},
    "costs.is_true": {"en": "true class", "es": "clase real"},
    "costs.other": {"en": "other classes", "es": "otras clases"},
    "costs.cce_value": {"en": "Categorical cross-entropy", "es": "Entropía cruzada categórica"},
    # MSE
    "costs.mse_title": {"en": "Mean squared error (regression)", "es": "Error cuadrático medio (regresión)"},
    "costs.mse_intro": {
        "en": (
            "To predict a number, the cost is the mean of the squared residuals (ŷ − y)²: the red "
            "segments. Squaring makes big misses count much more than small ones. Move the line."
        ),
        "es": (
            "Para predecir un número, el coste es la media de los residuos al cuadrado (ŷ − y)²: los "
            "segmentos rojos. Elevar al cuadrado hace que los fallos grandes pesen mucho más que los "
            "pequeños. Mueve la recta."
        ),
    },
    "costs.slope": {"en": "Slope w", "es": "Pendiente w"},
    "costs.intercept": {"en": "Intercept b", "es": "Ordenada en el origen b"},
    "costs.hours": {"en": "Hours of study", "es": "Horas de estudio"},
    "costs.score": {"en": "Exam score", "es": "Nota del examen"},
    "costs.mse_value": {"en": "MSE", "es": "ECM"},
    "costs.mse_best": {
        "en": "Best possible line (least squares): w = {w:.2f}, b = {b:.2f}, MSE = {mse:.3f}.",
        "es": "La mejor recta posible (mínimos cuadrados): w = {w:.2f}, b = {b:.2f}, ECM = {mse:.3f}.",
    },
    # gradient descent
    "costs.gd_title": {"en": "Gradient descent on a cost curve", "es": "Descenso del gradiente sobre una curva de coste"},
    "costs.gd_intro": {
        "en": (
            "Here the cost J depends on a single weight w. Each step moves w by −η·J′(w): downhill, "
            "by an amount set by the learning rate η. Try a tiny η, a large one, and the curve with two valleys."
        ),
        "es": (
            "Aquí el coste J depende de un solo peso w. Cada paso mueve w en −η·J′(w): cuesta abajo, "
            "tanto como marque la tasa de aprendizaje η (el curso la llama «ratio de aprendizaje»). Prueba un η "
            "diminuto, uno grande y la curva con dos valles."
        ),
    },
    "costs.curve": {"en": "Cost curve", "es": "Curva de coste"},
    "costs.curve.convex": {"en": "Convex: one minimum", "es": "Convexa: un solo mínimo"},
    "costs.curve.non_convex": {"en": "Non-convex: two valleys", "es": "No convexa: dos valles"},
    "costs.learning_rate": {"en": "Learning rate η", "es": "Tasa de aprendizaje η"},
    "costs.start": {"en": "Starting weight w₀", "es": "Peso inicial w₀"},
    "costs.steps": {"en": "Steps", "es": "Pasos"},
    "costs.weight": {"en": "Weight w", "es": "Peso w"},
    "costs.step": {"en": "Step", "es": "Paso"},
    "costs.status.converged": {
        "en": "Reached a minimum at w = {w:.3f} after {steps} steps (cost {cost:.3f}).",
        "es": "Ha llegado a un mínimo en w = {w:.3f} tras {steps} pasos (coste {cost:.3f}).",
    },
    "costs.status.overshoot": {
        "en": "It got there zigzagging: {reversals} times a step jumped over the minimum. A smaller η would walk straight.",
        "es": "Ha llegado en zigzag: {reversals} veces un paso ha saltado por encima del mínimo. Con un η menor iría en línea recta.",
    },
    "costs.status.global": {
        "en": "This is the global minimum (the lowest valley).",
        "es": "Es el mínimo global (el valle más bajo).",
    },
    "costs.status.local": {
        "en": "This is only a local minimum: the deeper valley is elsewhere, and from this start the walk cannot see it.",
        "es": "Es solo un mínimo local: el valle más profundo está en otra parte y, desde este punto de partida, el descenso no puede verlo.",
    },
    "costs.status.slow": {
        "en": "Too slow: after {steps} steps it is still walking downhill (w = {w:.3f}). The learning rate is too small — it would need many more steps.",
        "es": "Demasiado lento: tras {steps} pasos todavía sigue bajando (w = {w:.3f}). La tasa de aprendizaje es demasiado pequeña: necesitaría muchos más pasos.",
    },
    "costs.status.oscillating": {
        "en": "Overshooting: every step jumps across the minimum and it does not settle. The learning rate is too large.",
        "es": "Se pasa de largo: cada paso salta al otro lado del mínimo y no se asienta. La tasa de aprendizaje es demasiado grande.",
    },
    "costs.status.diverged": {
        "en": "Diverges: the learning rate is far too large, each step lands higher than the last and the cost grows instead of shrinking (w = {w:.3g}).",
        "es": "Diverge: la tasa de aprendizaje es demasiado grande, cada paso cae más arriba que el anterior y el coste crece en lugar de bajar (w = {w:.3g}).",
    },
    "costs.status.maximum": {
        "en": (
            "Stuck on a hilltop at w = {w:.3f} after {steps} steps: the slope there is almost 0, so each step "
            "barely moves w, but this is a local maximum (the curve bends down, J″ < 0), not a minimum. "
            "A small slope alone does not mean the walk has arrived: start a little to either side and it rolls into a valley."
        ),
        "es": (
            "Atascado en una cima en w = {w:.3f} tras {steps} pasos: ahí la pendiente es casi 0 y cada paso apenas "
            "mueve w, pero esto es un máximo local (la curva se dobla hacia abajo, J″ < 0), no un mínimo. "
            "Una pendiente pequeña no basta para decir que ha llegado: sal un poco a un lado o al otro y rodará hasta un valle."
        ),
    },
    "costs.status.flat": {
        "en": (
            "Stopped on a flat spot at w = {w:.3f} after {steps} steps: the slope is 0, so gradient descent "
            "cannot move, yet the curve is neither a valley nor a hilltop here."
        ),
        "es": (
            "Parado en un tramo plano en w = {w:.3f} tras {steps} pasos: la pendiente es 0, así que el descenso "
            "del gradiente no puede moverse, aunque aquí la curva no es ni un valle ni una cima."
        ),
    },
    "costs.start_on.maximum": {
        "en": (
            "The start w₀ = {w:.2f} is next to a hilltop (a local maximum): the slope is almost 0 there, "
            "so the first steps barely move."
        ),
        "es": (
            "El punto de partida w₀ = {w:.2f} está junto a una cima (un máximo local): ahí la pendiente es "
            "casi 0, así que los primeros pasos apenas se mueven."
        ),
    },
    "costs.start_on.flat": {
        "en": "The start w₀ = {w:.2f} is on a flat spot: the slope is almost 0 there.",
        "es": "El punto de partida w₀ = {w:.2f} está en un tramo plano: ahí la pendiente es casi 0.",
    },
}
