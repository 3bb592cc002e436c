"""Strings of the optimizer race page (slug ``optimizers``)."""

STRINGS = {
    "optimizers.title": {"en": "Optimizer race", "es": "Carrera de optimizadores"},
    "optimizers.summary": {
        "en": "Gradient descent, mini-batch, SGD, Momentum, RMSprop and Adam race on a loss surface and on MNIST.",
        "es": "Descenso de gradiente, mini-batch, SGD, Momentum, RMSprop y Adam compiten sobre una superficie de error y sobre MNIST.",
    },
    "optimizers.intro": {
        "en": (
            "An optimizer turns the gradient of the cost into a step for the parameters; all of these "
            "use the same update rules as Keras. Pick a surface and a start point, guess which one will "
            "reach the minimum first, and watch them race."
        ),
        "es": (
            "Una función de optimización convierte el gradiente del coste en un paso para los parámetros; "
            "todas las de esta página usan las mismas reglas de actualización que Keras. Elige una "
            "superficie y un punto de partida, apuesta por la que llegará antes al mínimo y mira la carrera."
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
            "mini-batch and SGD zigzag for real; one epoch is ⌈M/N⌉ iterations."
        ),
        "es": (
            "El coste es la entropía cruzada binaria media de una neurona de una entrada, sigmoide(w·x + b), "
            "sobre M = 300 ejemplos. Un lote de N ejemplos da el gradiente real de esos N ejemplos, así que "
            "mini-batch y SGD zigzaguean de verdad; un epoch son ⌈M/N⌉ iteraciones."
        ),
    },
    "optimizers.about.rosenbrock": {
        "en": "A curved, flat-bottomed valley: finding the valley is easy, following it to (1, 1) is slow.",
        "es": "Un valle curvo de fondo casi plano: encontrar el valle es fácil; recorrerlo hasta (1, 1), lento.",
    },
    "optimizers.about.beale": {
        "en": "Steep walls and long flat plateaus; the minimum is at (3, 0.5).",
        "es": "Paredes muy empinadas y mesetas largas; el mínimo está en (3, 0.5).",
    },
    "optimizers.about.saddle": {
        "en": "The start is almost on a saddle point, where the gradient nearly vanishes; the two valleys are at (0, ±1).",
        "es": "La salida está casi sobre un punto de silla, donde el gradiente casi se anula; los dos valles están en (0, ±1).",
    },
    "optimizers.about.ravine": {
        "en": "A valley 100 times steeper across than along: plain gradient descent zigzags from wall to wall.",
        "es": "Un valle 100 veces más empinado de lado que a lo largo: el descenso de gradiente simple rebota de pared a pared.",
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
        "en": "This surface is a formula with no examples to sample, so mini-batch and SGD are not in this race: choose the logistic-regression surface to see them.",
        "es": "Esta superficie es una fórmula sin ejemplos que muestrear, así que mini-batch y SGD no corren aquí: elige la superficie de regresión logística para verlos.",
    },
    "optimizers.start_x": {"en": "Start {axis}", "es": "{axis} inicial"},
    "optimizers.steps": {"en": "Steps (iterations)", "es": "Pasos (iteraciones)"},
    "optimizers.seed": {"en": "Seed of the mini-batches", "es": "Semilla de los mini-batches"},
    "optimizers.racers": {"en": "Racers and their hyperparameters", "es": "Corredores y sus hiperparámetros"},
    "optimizers.racers_help": {
        "en": "Hyperparameters use Keras's names and defaults; the learning rate starts at a value suited to this surface (Keras default: {default}).",
        "es": "Los hiperparámetros usan los nombres y valores por defecto de Keras; el ratio de aprendizaje empieza en un valor adecuado a esta superficie (por defecto en Keras: {default}).",
    },
    "optimizers.racer.gd": {"en": "Gradient descent", "es": "Descenso de gradiente"},
    "optimizers.racer.minibatch": {"en": "Mini-batch", "es": "Mini-batch"},
    "optimizers.racer.sgd": {"en": "SGD (batch of 1)", "es": "SGD (lote de 1)"},
    "optimizers.racer.momentum": {"en": "Momentum", "es": "Momentum"},
    "optimizers.racer.rmsprop": {"en": "RMSprop", "es": "RMSprop"},
    "optimizers.racer.adam": {"en": "Adam", "es": "Adam"},
    "optimizers.batch_size": {"en": "batch_size (N)", "es": "batch_size (N)"},
    "optimizers.epoch_note": {
        "en": "With N = {batch} and M = {samples}, one epoch is {iterations} iterations.",
        "es": "Con N = {batch} y M = {samples}, un epoch son {iterations} iteraciones.",
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
        "es": "El descenso de gradiente no guarda estado: cada paso usa solo el gradiente actual.",
    },
    "optimizers.leaderboard": {"en": "Leaderboard", "es": "Clasificación"},
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
        "es": "{racer} divergió en el paso {step}: sus pasos crecieron hasta salirse del mapa. Prueba un ratio de aprendizaje menor.",
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
        "es": "La clasificación aparece en la meta (último paso).",
    },
    # errors the page translates
    "optimizers.error.learning_rate": {
        "en": "{racer}: the learning rate must be a number greater than 0 (got {value:g}).",
        "es": "{racer}: el ratio de aprendizaje debe ser un número mayor que 0 (se recibió {value:g}).",
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
            "time counts too: a step of Adam costs more than a step of SGD."
        ),
        "es": (
            "La misma carrera con la red del curso (784-300-100-10) aprendiendo dígitos manuscritos: todas "
            "las funciones de optimización parten de los mismos pesos iniciales y ven los mismos mini-batches "
            "de 32. Aquí también cuenta el tiempo: un paso de Adam cuesta más que uno de SGD."
        ),
    },
    "optimizers.mnist_shipped": {
        "en": "Precomputed result: {epochs} epochs on {samples} training images, measured on {machine}.",
        "es": "Resultado precalculado: {epochs} epochs con {samples} imágenes de entrenamiento, medido en {machine}.",
    },
    "optimizers.mnist_own": {
        "en": "Your race: {epochs} epochs on {samples} training images.",
        "es": "Tu carrera: {epochs} epochs con {samples} imágenes de entrenamiento.",
    },
    "optimizers.mnist_missing": {
        "en": "The precomputed MNIST race is not available; run your own below.",
        "es": "La carrera precalculada de MNIST no está disponible; lanza la tuya abajo.",
    },
    "optimizers.mnist_by_epoch": {"en": "Validation loss by epoch", "es": "Pérdida de validación por epoch"},
    "optimizers.mnist_by_time": {"en": "Validation loss by seconds of training", "es": "Pérdida de validación por segundos de entrenamiento"},
    "optimizers.mnist_epochs": {"en": "Epochs", "es": "Epochs"},
    "optimizers.mnist_samples": {"en": "Training images", "es": "Imágenes de entrenamiento"},
    "optimizers.mnist_run": {"en": "Run my MNIST race", "es": "Lanzar mi carrera en MNIST"},
    "optimizers.mnist_stop": {"en": "Stop", "es": "Parar"},
    "optimizers.mnist_running": {
        "en": "Training {racer} ({done} of {total} optimizers, epoch {epoch} of {epochs})…",
        "es": "Entrenando {racer} ({done} de {total} optimizadores, epoch {epoch} de {epochs})…",
    },
    "optimizers.mnist_stopped": {"en": "Race stopped.", "es": "Carrera detenida."},
    "optimizers.mnist_failed": {"en": "The race failed: {message}", "es": "La carrera ha fallado: {message}"},
    "optimizers.mnist_table": {"en": "Final numbers", "es": "Cifras finales"},
    "optimizers.mnist_col.optimizer": {"en": "Optimizer", "es": "Optimizador"},
    "optimizers.mnist_col.val_loss": {"en": "Validation loss", "es": "Pérdida de validación"},
    "optimizers.mnist_col.val_accuracy": {"en": "Validation accuracy", "es": "Exactitud de validación"},
    "optimizers.mnist_col.seconds": {"en": "Seconds", "es": "Segundos"},
    "optimizers.mnist.sgd": {"en": "SGD", "es": "SGD"},
    "optimizers.mnist.momentum": {"en": "SGD + momentum", "es": "SGD + momentum"},
    "optimizers.mnist.rmsprop": {"en": "RMSprop", "es": "RMSprop"},
    "optimizers.mnist.adam": {"en": "Adam", "es": "Adam"},
    "optimizers.epoch": {"en": "epoch", "es": "epoch"},
    "optimizers.seconds": {"en": "seconds", "es": "segundos"},
    "optimizers.val_loss": {"en": "validation loss", "es": "pérdida de validación"},
}
