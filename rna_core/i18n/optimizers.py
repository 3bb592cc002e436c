"""Strings of the optimizer race page (slug ``optimizers``)."""

STRINGS = {
    "optimizers.title": {"en": "Optimizer race", "es": "Carrera de optimizadores"},
    "optimizers.summary": {
        "en": (
            "Six ways down a cost surface race (full-batch, mini-batch and stochastic gradient descent, "
            "Momentum, RMSprop, Adam); then four of Keras's optimizers race on MNIST."
        ),
        "es": (
            "Seis formas de bajar por una superficie de coste compiten (descenso del gradiente por lotes, por "
            "minilotes y estocástico, Momentum, RMSprop, Adam); después, cuatro optimizadores de Keras compiten en MNIST."
        ),
    },
    "optimizers.intro": {
        "en": (
            "An optimizer turns the gradient of the cost into a step for the parameters; all of these "
            "use the same update rules as Keras. Pick a surface and a start point, guess which one will "
            "reach the minimum first, and watch them race."
        ),
        "es": (
            "Un optimizador (el curso lo llama «función de optimización») convierte el gradiente del coste "
            "en un paso para los parámetros; todos los de esta página usan las mismas reglas de actualización "
            "que Keras. Elige una superficie y un punto de partida, apuesta por el que llegará antes al mínimo "
            "y mira la carrera."
        ),
    },
    "optimizers.tab_surface": {"en": "Race on a loss surface", "es": "Carrera sobre una superficie"},
    "optimizers.tab_mnist": {"en": "Race on MNIST", "es": "Carrera en MNIST"},
    # surfaces
    "optimizers.surface": {"en": "Surface", "es": "Superficie"},
    "optimizers.surface.logistic": {
        "en": "Logistic regression on 300 points (real data)",
        "es": "Regresión logística con 300 puntos (datos reales)",
    },
    "optimizers.surface.rosenbrock": {"en": "Rosenbrock (banana valley)", "es": "Rosenbrock (valle en forma de plátano)"},
    "optimizers.surface.beale": {"en": "Beale", "es": "Beale"},
    "optimizers.surface.saddle": {"en": "Saddle point", "es": "Punto de silla"},
    "optimizers.surface.ravine": {"en": "Narrow ravine", "es": "Barranco estrecho"},
    "optimizers.surface.wells": {"en": "Two minima (local and global)", "es": "Dos mínimos (local y global)"},
    "optimizers.about.logistic": {
        "en": (
            "The cost is the mean binary cross-entropy of a one-input neuron, sigmoid(w·x + b), over "
            "M = 300 examples. A batch of N examples gives the true gradient of those N examples, so "
            "mini-batch and stochastic gradient descent (one example per step) zigzag for real; one epoch is "
            "⌈M/N⌉ iterations. Plain gradient descent uses all M examples in every step."
        ),
        "es": (
            "El coste es la entropía cruzada binaria media de una neurona de una entrada, sigmoide(w·x + b), "
            "sobre M = 300 ejemplos. Un lote de N ejemplos da el gradiente real de esos N ejemplos, así que "
            "el descenso por minilotes (mini-batch) y el estocástico (un ejemplo por paso) zigzaguean de verdad; "
            "una época son ⌈M/N⌉ iteraciones. El descenso del gradiente a secas usa los M ejemplos en cada paso."
        ),
    },
    "optimizers.about.rosenbrock": {
        "en": "A curved, flat-bottomed valley: finding the valley is easy, following it to (1, 1) is slow.",
        "es": "Un valle curvo de fondo casi plano: encontrar el valle es fácil; recorrerlo hasta (1, 1), lento.",
    },
    "optimizers.about.beale": {
        "en": "Steep walls and long flat plateaus; the minimum is at ({x:g}, {y:g}).",
        "es": "Paredes muy empinadas y mesetas largas; el mínimo está en ({x:g}; {y:g}).",
    },
    "optimizers.about.saddle": {
        "en": (
            "The start lies on the ridge y = 0 that leads to the saddle point at (0, 0), about 1.8 away: along "
            "the ridge the gradient points straight at the saddle, where it vanishes, and only a tiny y pushes a "
            "racer off into one of the two valleys at (0, ±1). Both valleys are equally deep: two global minima."
        ),
        "es": (
            "La salida está sobre la cresta y = 0 que lleva al punto de silla (0, 0), a unos 1,8 de distancia: "
            "a lo largo de la cresta el gradiente apunta directo a la silla, donde se anula, y solo una y "
            "diminuta empuja a un corredor hacia uno de los dos valles en (0, ±1). Los dos valles son igual de "
            "profundos: dos mínimos globales."
        ),
    },
    "optimizers.about.ravine": {
        "en": "A valley 100 times steeper across than along: plain gradient descent zigzags from wall to wall.",
        "es": "Un valle 100 veces más empinado de lado que a lo largo: el descenso del gradiente simple rebota de pared a pared.",
    },
    "optimizers.about.wells": {
        "en": (
            "A cost that is not convex, like a real network's: a shallow local minimum and a deeper "
            "global one. Which one a racer finds depends on where it starts and how it moves."
        ),
        "es": (
            "Un coste no convexo, como el de una red real: un mínimo local poco profundo y uno global más "
            "hondo. Cuál encuentra cada corredor depende de dónde sale y de cómo se mueve."
        ),
    },
    "optimizers.no_data_note": {
        "en": "This surface is a formula with no examples to sample, so mini-batch and stochastic gradient descent are not in this race: choose the logistic-regression surface to see them.",
        "es": "Esta superficie es una fórmula sin ejemplos que muestrear, así que el descenso por minilotes y el estocástico no corren aquí: elige la superficie de regresión logística para verlos.",
    },
    "optimizers.start_x": {"en": "Start {axis}", "es": "{axis} inicial"},
    "optimizers.steps": {"en": "Steps (iterations)", "es": "Pasos (iteraciones)"},
    "optimizers.seed": {"en": "Seed of the mini-batches", "es": "Semilla de los minilotes"},
    "optimizers.racers": {"en": "Racers and their hyperparameters", "es": "Corredores y sus hiperparámetros"},
    "optimizers.racers_help": {
        "en": "Hyperparameters use Keras's names and defaults; the learning rate starts at a value suited to this surface (Keras default: {default}).",
        "es": "Los hiperparámetros usan los nombres y valores por defecto de Keras; la tasa de aprendizaje empieza en un valor adecuado a esta superficie (por defecto en Keras: {default}).",
    },
    "optimizers.racer.gd": {"en": "Gradient descent", "es": "Descenso del gradiente"},
    "optimizers.racer.minibatch": {"en": "Mini-batch", "es": "Minilotes"},
    "optimizers.racer.sgd": {"en": "Stochastic (1 example)", "es": "Estocástico (1 ejemplo)"},
    "optimizers.racer.momentum": {"en": "Momentum", "es": "Momentum"},
    "optimizers.racer.rmsprop": {"en": "RMSprop", "es": "RMSprop"},
    "optimizers.racer.adam": {"en": "Adam", "es": "Adam"},
    "optimizers.batch_size": {"en": "Batch size N (batch_size)", "es": "Tamaño del lote N (batch_size)"},
    "optimizers.epoch_note": {
        "en": "With N = {batch} and M = {samples}, one epoch is {iterations} iterations.",
        "es": "Con N = {batch} y M = {samples}, una época son {iterations} iteraciones.",
    },
    # the race
    "optimizers.guess": {"en": "Which one will win?", "es": "¿Cuál ganará?"},
    "optimizers.start": {"en": "Start the race", "es": "Empezar la carrera"},
    "optimizers.before_start": {
        "en": "Make your guess, then press start. The white cross is the start, the star the global minimum.",
        "es": "Haz tu apuesta y pulsa empezar. La cruz blanca es la salida; la estrella, el mínimo global.",
    },
    "optimizers.play": {"en": "Play", "es": "Reproducir"},
    "optimizers.step": {"en": "Step", "es": "Paso"},
    "optimizers.map_title": {"en": "Paths on the cost surface (darker = lower cost)", "es": "Recorridos sobre la superficie de coste (más oscuro = menor coste)"},
    "optimizers.loss_title": {"en": "Cost above the minimum, log scale", "es": "Coste por encima del mínimo, escala logarítmica"},
    "optimizers.loss_axis": {"en": "cost − minimum", "es": "coste − mínimo"},
    "optimizers.state_title": {"en": "Inside the optimizers at this step", "es": "El interior de los optimizadores en este paso"},
    "optimizers.state_caption": {
        "en": (
            "momentums: Momentum's velocity (the arrow on the map) or Adam's first moment m; "
            "velocities: the moving average of the squared gradients (RMSprop) or Adam's second moment v. "
            "A large average makes that parameter's steps smaller."
        ),
        "es": (
            "momentums: la velocidad de Momentum (la flecha del mapa) o el primer momento m de Adam; "
            "velocities: la media móvil de los gradientes al cuadrado (RMSprop) o el segundo momento v de Adam. "
            "Una media grande hace más pequeños los pasos de ese parámetro."
        ),
    },
    "optimizers.no_state": {
        "en": "Gradient descent keeps no state: each step uses only the current gradient.",
        "es": "El descenso del gradiente no guarda estado: cada paso usa solo el gradiente actual.",
    },
    "optimizers.leaderboard": {"en": "Leaderboard", "es": "Tabla de resultados"},
    "optimizers.col.rank": {"en": "Rank", "es": "Puesto"},
    "optimizers.col.racer": {"en": "Racer", "es": "Corredor"},
    "optimizers.col.final_loss": {"en": "Final cost", "es": "Coste final"},
    "optimizers.col.steps_to_tolerance": {"en": "Steps to the minimum", "es": "Pasos hasta el mínimo"},
    "optimizers.col.diverged": {"en": "Diverged", "es": "Divergió"},
    "optimizers.at_step": {"en": "at step {step}", "es": "en el paso {step}"},
    "optimizers.tolerance_note": {
        "en": "A racer reaches the minimum when its cost is within {tolerance:g} of the global minimum; ties go to the lowest final cost.",
        "es": "Un corredor llega al mínimo cuando su coste está a menos de {tolerance:g} del mínimo global; los empates los decide el menor coste final.",
    },
    "optimizers.diverged_note": {
        "en": "{racer} diverged at step {step}: its steps grew until it left the map. Try a smaller learning rate.",
        "es": "{racer} divergió en el paso {step}: sus pasos crecieron hasta salirse del mapa. Prueba una tasa de aprendizaje menor.",
    },
    "optimizers.guess_right": {
        "en": "You guessed {guess} and the winner is {winner}: well done!",
        "es": "Apostaste por {guess} y ha ganado {winner}: ¡bien visto!",
    },
    "optimizers.guess_wrong": {
        "en": "You guessed {guess}; the winner is {winner}.",
        "es": "Apostaste por {guess}; ha ganado {winner}.",
    },
    "optimizers.no_winner": {
        "en": "Nobody won: every racer diverged.",
        "es": "No ha ganado nadie: todos los corredores divergieron.",
    },
    "optimizers.wait_finish": {
        "en": "The leaderboard appears at the finish line (last step).",
        "es": "La tabla de resultados aparece en la meta (último paso).",
    },
    # errors the page translates
    "optimizers.error.learning_rate": {
        "en": "{racer}: the learning rate must be a number greater than 0 (got {value:g}).",
        "es": "{racer}: la tasa de aprendizaje debe ser un número mayor que 0 (se recibió {value:g}).",
    },
    "optimizers.error.start": {
        "en": "The start point is outside the plotted area: choose {x} in [{x_min:g}, {x_max:g}] and {y} in [{y_min:g}, {y_max:g}].",
        "es": "El punto de partida está fuera del área dibujada: elige {x} en [{x_min:g}, {x_max:g}] e {y} en [{y_min:g}, {y_max:g}].",
    },
    "optimizers.error.steps": {
        "en": "The number of steps must be between 1 and {max_steps}.",
        "es": "El número de pasos debe estar entre 1 y {max_steps}.",
    },
    "optimizers.error.no_racers": {"en": "Switch on at least one racer.", "es": "Activa al menos un corredor."},
    # MNIST race
    "optimizers.mnist_intro": {
        "en": (
            "The same race on the course's network (784-300-100-10) learning handwritten digits: every "
            "optimizer starts from the same initial weights and sees the same mini-batches of 32. Here "
            "time counts too: a step of Adam costs more than a step of SGD. Careful with the name: Keras's "
            "`SGD` is an update rule (w ← w − η·g), not a batch size; the batch size is `fit(batch_size=32)`. "
            "So the “Keras SGD” racer here is mini-batch gradient descent, unlike the stochastic racer on "
            "the surface, which takes one example per step."
        ),
        "es": (
            "La misma carrera con la red del curso (784-300-100-10) aprendiendo dígitos manuscritos: todos "
            "los optimizadores parten de los mismos pesos iniciales y ven los mismos minilotes de 32. Aquí "
            "también cuenta el tiempo: un paso de Adam cuesta más que uno de SGD. Cuidado con el nombre: el "
            "`SGD` de Keras es una regla de actualización (w ← w − η·g), no un tamaño de lote; el tamaño del "
            "lote es `fit(batch_size=32)`. Así que el corredor «SGD de Keras» de aquí es descenso del gradiente "
            "por minilotes, no como el corredor estocástico de la superficie, que da un paso por ejemplo."
        ),
    },
    "optimizers.mnist_shipped": {
        "en": "Precomputed result: {epochs} epochs on {samples} training images, measured on {machine}.",
        "es": "Resultado precalculado: {epochs} épocas con {samples} imágenes de entrenamiento, medido en {machine}.",
    },
    "optimizers.mnist_own": {
        "en": "Your race: {epochs} epochs on {samples} training images.",
        "es": "Tu carrera: {epochs} épocas con {samples} imágenes de entrenamiento.",
    },
    "optimizers.mnist_missing": {
        "en": "The precomputed MNIST race is not available; run your own below.",
        "es": "La carrera precalculada de MNIST no está disponible; lanza la tuya abajo.",
    },
    "optimizers.mnist_by_epoch": {"en": "Validation loss by epoch", "es": "Coste de validación por época"},
    "optimizers.mnist_by_time": {"en": "Validation loss by seconds of training", "es": "Coste de validación por segundos de entrenamiento"},
    "optimizers.mnist_epochs": {"en": "Epochs", "es": "Épocas"},
    "optimizers.mnist_samples": {"en": "Training images", "es": "Imágenes de entrenamiento"},
    "optimizers.mnist_run": {"en": "Run my MNIST race", "es": "Lanzar mi carrera en MNIST"},
    "optimizers.mnist_stop": {"en": "Stop", "es": "Parar"},
    "optimizers.mnist_running": {
        "en": "Training {racer} ({done} of {total} optimizers, epoch {epoch} of {epochs})…",
        "es": "Entrenando {racer} ({done} de {total} optimizadores, época {epoch} de {epochs})…",
    },
    "optimizers.mnist_stopped": {"en": "Race stopped.", "es": "Carrera detenida."},
    "optimizers.mnist_failed": {"en": "The race failed: {message}", "es": "La carrera ha fallado: {message}"},
    "optimizers.mnist_table": {"en": "Final numbers", "es": "Cifras finales"},
    "optimizers.mnist_col.optimizer": {"en": "Optimizer", "es": "Optimizador"},
    "optimizers.mnist_col.val_loss": {"en": "Validation cost (loss)", "es": "Coste de validación"},
    "optimizers.mnist_col.val_accuracy": {"en": "Validation accuracy", "es": "Exactitud de validación"},
    "optimizers.mnist_col.seconds": {"en": "Seconds", "es": "Segundos"},
    "optimizers.mnist.sgd": {"en": "Keras SGD (batches of 32)", "es": "SGD de Keras (lotes de 32)"},
    "optimizers.mnist.momentum": {"en": "Keras SGD + momentum", "es": "SGD de Keras + momentum"},
    "optimizers.mnist.rmsprop": {"en": "RMSprop", "es": "RMSprop"},
    "optimizers.mnist.adam": {"en": "Adam", "es": "Adam"},
    "optimizers.epoch": {"en": "epoch", "es": "época"},
    "optimizers.seconds": {"en": "seconds", "es": "segundos"},
    "optimizers.val_loss": {"en": "validation cost (loss)", "es": "coste de validación"},
    # the update rules on screen
    "optimizers.rules_title": {
        "en": "The update rules, with Keras's names",
        "es": "Las reglas de actualización, con los nombres de Keras",
    },
    "optimizers.rules_intro": {
        "en": (
            "g is the gradient of the cost for one parameter w, η the `learning_rate`. The state each optimizer "
            "keeps is in the variables Keras calls `momentums` and `velocities`, the bars drawn above."
        ),
        "es": (
            "g es el gradiente del coste respecto a un parámetro w y η la tasa de aprendizaje (`learning_rate`). "
            "El estado que guarda cada optimizador está en las variables que Keras llama `momentums` y "
            "`velocities`, las barras dibujadas arriba."
        ),
    },
    "optimizers.rule.sgd": {"en": "Gradient descent (`SGD`)", "es": "Descenso del gradiente (`SGD`)"},
    "optimizers.rule.momentum": {"en": "Momentum (`SGD(momentum=0.9)`)", "es": "Momentum (`SGD(momentum=0.9)`)"},
    "optimizers.rule.rmsprop": {"en": "RMSprop", "es": "RMSprop"},
    "optimizers.rule.adam": {"en": "Adam", "es": "Adam"},
    "optimizers.rule_text.sgd": {
        "en": "Every step goes against the current gradient; the same rule for a batch of 1, of 32 or of every example.",
        "es": "Cada paso va en contra del gradiente actual; la misma regla para un lote de 1, de 32 o de todos los ejemplos.",
    },
    "optimizers.rule_text.momentum": {
        "en": "The velocity `momentums` accumulates past steps, so steps that agree add up and zigzags cancel out.",
        "es": "La velocidad `momentums` acumula los pasos anteriores: los pasos que coinciden se suman y los zigzags se anulan.",
    },
    "optimizers.rule_text.rmsprop": {
        "en": (
            "`velocities` is a moving average of the squared gradients (of the gradients, not of the weights); "
            "dividing by its root gives each parameter its own step size."
        ),
        "es": (
            "`velocities` es una media móvil de los gradientes al cuadrado (de los gradientes, no de los pesos); "
            "dividir por su raíz da a cada parámetro su propio tamaño de paso."
        ),
    },
    "optimizers.rule_text.adam": {
        "en": (
            "Adam stands for **Adaptive Moment Estimation** (moments, not “movement”): m, the first moment, "
            "averages the gradients like Momentum; v, the second moment, averages their squares like RMSprop. "
            "Both start at 0, so the first averages are too small: dividing by 1 − βᵗ corrects that bias, which "
            "fades as t (the step number) grows. Keras folds the correction into the step size αₜ."
        ),
        "es": (
            "Adam significa **Adaptive Moment Estimation** (estimación adaptativa de momentos; momentos, no "
            "«movimiento»): m, el primer momento, promedia los gradientes como Momentum; v, el segundo momento, "
            "promedia sus cuadrados como RMSprop. Ambos empiezan en 0, así que las primeras medias salen "
            "demasiado pequeñas: dividir por 1 − βᵗ corrige ese sesgo, que se desvanece al crecer t (el número "
            "de paso). Keras mete la corrección en el tamaño del paso αₜ."
        ),
    },
    "optimizers.ema_title": {
        "en": "How far back does a moving average look?",
        "es": "¿Hasta dónde mira atrás una media móvil?",
    },
    "optimizers.ema_text": {
        "en": (
            "Each of these averages is a ← β·a + (1 − β)·x. The value seen k steps ago keeps the weight "
            "(1 − β)·βᵏ, so old gradients fade away. Rule of thumb: β averages about the last 1/(1 − β) "
            "steps; with β = {beta:g}, about {window:.0f} steps, which hold {share:.0%} of the weight."
        ),
        "es": (
            "Cada una de estas medias es a ← β·a + (1 − β)·x. El valor visto hace k pasos conserva el peso "
            "(1 − β)·βᵏ, así que los gradientes antiguos se van olvidando. Regla práctica: β promedia más o "
            "menos los últimos 1/(1 − β) pasos; con β = {beta:g}, unos {window:.0f} pasos, que reúnen el "
            "{share:.0%} del peso."
        ),
    },
    "optimizers.ema_beta": {"en": "β (momentum, rho, beta_1, beta_2)", "es": "β (momentum, rho, beta_1, beta_2)"},
    "optimizers.ema_ago": {"en": "steps ago", "es": "pasos atrás"},
    "optimizers.ema_weight": {"en": "weight in the average", "es": "peso en la media"},
    "optimizers.ema_inside": {"en": "the last 1/(1 − β) steps", "es": "los últimos 1/(1 − β) pasos"},
    "optimizers.ema_outside": {"en": "older", "es": "más antiguos"},
}
