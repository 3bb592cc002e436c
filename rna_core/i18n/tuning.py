"""Strings of the "Tuner results" page (keras-tuner searches)."""

STRINGS = {
    "tuning.title": {"en": "Tuner results", "es": "Resultados del tuner"},
    "tuning.summary": {
        "en": "Let keras-tuner search neurons, layers and learning rate for you, and see what Hyperband did.",
        "es": "Deja que keras-tuner busque neuronas, capas y tasa de aprendizaje por ti, y mira qué hizo Hyperband.",
    },
    "tuning.intro": {
        "en": (
            "Hyperparameters are the choices you make before training (how many layers and neurons, "
            "which optimizer, which learning rate), and keras-tuner tries many of them for you, "
            "training a real network for each trial and keeping the one with the best validation "
            "accuracy. Run a small search here and watch it live, or explore the results of a larger "
            "search that ships with the app."
        ),
        "es": (
            "Los hiperparámetros son las decisiones que tomas antes de entrenar (cuántas capas y "
            "neuronas, qué optimizador, qué tasa de aprendizaje), y keras-tuner prueba "
            "muchas por ti: entrena una red real en cada prueba y se queda con la de mejor exactitud "
            "en validación. Lanza aquí una búsqueda pequeña y síguela en directo, o explora los "
            "resultados de una búsqueda mayor que viene con la aplicación."
        ),
    },
    # --- configure and run
    "tuning.run_header": {"en": "Run your own search", "es": "Lanza tu propia búsqueda"},
    "tuning.space_header": {"en": "Search space", "es": "Espacio de búsqueda"},
    "tuning.space_help": {
        "en": (
            "Every hidden layer gets the same number of neurons, as the course suggests: a pyramid "
            "barely helps and multiplies the combinations. A range with equal ends, or a single "
            "choice, fixes that hyperparameter."
        ),
        "es": (
            "Todas las capas ocultas tienen el mismo número de neuronas, como sugiere el curso: la "
            "forma de pirámide apenas mejora y multiplica las combinaciones. Un rango con los dos "
            "extremos iguales, o una sola opción, fija ese hiperparámetro."
        ),
    },
    "tuning.neurons": {"en": "Neurons per hidden layer", "es": "Neuronas por capa oculta"},
    "tuning.layers": {"en": "Hidden layers", "es": "Capas ocultas"},
    "tuning.learning_rates": {"en": "Learning rates", "es": "Tasas de aprendizaje"},
    "tuning.optimizers": {"en": "Optimizers", "es": "Optimizadores"},
    "tuning.batch_sizes": {"en": "Mini-batch sizes", "es": "Tamaños del minilote"},
    "tuning.activations": {"en": "Hidden activations", "es": "Activaciones ocultas"},
    "tuning.tuner_header": {"en": "Tuner and budget", "es": "Tuner y presupuesto"},
    "tuning.tuner": {"en": "Tuner", "es": "Tuner"},
    "tuning.tuner.hyperband": {"en": "Hyperband", "es": "Hyperband"},
    "tuning.tuner.random": {"en": "Random search", "es": "Búsqueda aleatoria"},
    "tuning.tuner.bayesian": {"en": "Bayesian optimization", "es": "Optimización bayesiana"},
    "tuning.tuner.grid": {"en": "Grid search", "es": "Búsqueda en rejilla"},
    "tuning.max_epochs": {"en": "Max epochs per network", "es": "Épocas máximas por red"},
    "tuning.max_epochs_help": {
        "en": "Hyperband's max_epochs; for the other tuners, the epochs of every trial.",
        "es": "El max_epochs de Hyperband; con los otros tuners, las épocas de cada prueba.",
    },
    "tuning.factor": {"en": "Hyperband factor", "es": "Factor de Hyperband"},
    "tuning.factor_help": {
        "en": (
            "Each round keeps the best 1/factor of the networks and multiplies their total epoch budget by "
            "factor: with factor 3, a network trained for 2 epochs goes on to 6 in all, that is 4 more epochs "
            "from where it stopped."
        ),
        "es": (
            "Cada ronda conserva la mejor fracción 1/factor de las redes y multiplica por factor su presupuesto "
            "total de épocas: con factor 3, una red entrenada 2 épocas sigue hasta 6 en total, es decir, 4 épocas "
            "más desde donde se quedó."
        ),
    },
    "tuning.max_trials": {"en": "Trials", "es": "Pruebas"},
    "tuning.train_size": {"en": "Training images", "es": "Imágenes de entrenamiento"},
    "tuning.train_size_help": {
        "en": "A smaller subset makes every epoch faster (and the networks a bit worse).",
        "es": "Un subconjunto más pequeño hace cada época más rápida (y las redes algo peores).",
    },
    "tuning.plan": {
        "en": "{networks} possible networks · {trials} trials planned · about {epochs} epochs of training in total.",
        "es": "{networks} redes posibles · {trials} pruebas previstas · unas {epochs} épocas de entrenamiento en total.",
    },
    "tuning.empty_space": {
        "en": "The search space is empty: choose at least one value for “{what}”.",
        "es": "El espacio de búsqueda está vacío: elige al menos un valor en «{what}».",
    },
    "tuning.busy": {
        "en": "{limit} searches are already running on this server; try again in a few minutes.",
        "es": "Ya hay {limit} búsquedas en marcha en este servidor; vuelve a intentarlo en unos minutos.",
    },
    "tuning.stopping": {"en": "Stopping…", "es": "Deteniendo…"},
    "tuning.server_searches": {"en": "Searches running on this server", "es": "Búsquedas en marcha en este servidor"},
    "tuning.server_search": {
        "en": "{name} · {trials} trials planned · {elapsed} s",
        "es": "{name} · {trials} pruebas previstas · {elapsed} s",
    },
    "tuning.server_searches_help": {
        "en": "Every search started from this app on this server, by anyone. A search also stops by itself "
        "when the tab that started it has been closed for a while.",
        "es": "Todas las búsquedas iniciadas desde esta aplicación en este servidor, por cualquiera. Una búsqueda "
        "también se detiene sola cuando la pestaña que la inició lleva un rato cerrada.",
    },
    "tuning.start": {"en": "Start the search", "es": "Iniciar la búsqueda"},
    "tuning.stop": {"en": "Stop", "es": "Detener"},
    "tuning.discard": {"en": "Discard this search", "es": "Descartar esta búsqueda"},
    "tuning.cli_hint": {
        "en": "The same search from a terminal (add --role chief / --role worker to spread it over several machines):",
        "es": "La misma búsqueda desde un terminal (añade --role chief / --role worker para repartirla entre varias máquinas):",
    },
    # --- live progress
    "tuning.live_header": {"en": "Your search", "es": "Tu búsqueda"},
    "tuning.progress": {
        "en": "{done} of {planned} trials done · {elapsed} s elapsed",
        "es": "{done} de {planned} pruebas hechas · {elapsed} s transcurridos",
    },
    "tuning.state.running": {"en": "Running…", "es": "En marcha…"},
    "tuning.state.finished": {"en": "Finished.", "es": "Terminada."},
    "tuning.state.stopped": {
        "en": "Stopped: the finished trials are below.",
        "es": "Detenida: las pruebas terminadas están abajo.",
    },
    "tuning.state.failed": {
        "en": "The search failed. Last lines of its log:",
        "es": "La búsqueda ha fallado. Últimas líneas de su registro:",
    },
    "tuning.waiting": {
        "en": "Loading MNIST and TensorFlow, the first trial starts in a few seconds…",
        "es": "Cargando MNIST y TensorFlow; la primera prueba empieza en unos segundos…",
    },
    # --- results
    "tuning.results_header": {"en": "Results", "es": "Resultados"},
    "tuning.source": {"en": "Show the results of", "es": "Mostrar los resultados de"},
    "tuning.source.demo": {
        "en": "the demo search (shipped with the app)",
        "es": "la búsqueda de ejemplo (incluida en la aplicación)",
    },
    "tuning.source.mine": {"en": "your search", "es": "tu búsqueda"},
    "tuning.demo_caption": {
        "en": "A real Hyperband search on all 60,000 training images, made by this command:",
        "es": "Una búsqueda Hyperband real con las 60.000 imágenes de entrenamiento, hecha con esta orden:",
    },
    "tuning.no_demo": {
        "en": "The demo results are missing from models/tuner_demo.",
        "es": "Faltan los resultados de ejemplo en models/tuner_demo.",
    },
    "tuning.results_when_done": {
        "en": "The charts appear here when the search ends; the table above grows as trials finish.",
        "es": "Los gráficos aparecerán aquí cuando termine la búsqueda; la tabla de arriba crece a medida que terminan las pruebas.",
    },
    "tuning.no_trials": {"en": "No trial has finished yet.", "es": "Todavía no ha terminado ninguna prueba."},
    "tuning.skipped": {
        "en": "{count} unreadable file(s) skipped: {files}",
        "es": "{count} archivo(s) ilegible(s) omitido(s): {files}",
    },
    "tuning.metric.trials": {"en": "Trials", "es": "Pruebas"},
    "tuning.metric.completed": {"en": "Completed", "es": "Completadas"},
    "tuning.metric.best": {"en": "Best validation accuracy", "es": "Mejor exactitud en validación"},
    "tuning.metric.time": {"en": "Training time", "es": "Tiempo de entrenamiento"},
    "tuning.best_header": {"en": "Best hyperparameters", "es": "Mejores hiperparámetros"},
    "tuning.best_trial": {
        "en": "Trial {trial} reached {score:.2%} validation accuracy after {epochs} epochs.",
        "es": "La prueba {trial} alcanzó un {score:.2%} de exactitud en validación tras {epochs} épocas.",
    },
    "tuning.train_best": {"en": "Train the best model", "es": "Entrenar el mejor modelo"},
    "tuning.train_best_help": {
        "en": "Opens the training page with these hyperparameters.",
        "es": "Abre la página de entrenamiento con estos hiperparámetros.",
    },
    "tuning.no_training_page": {
        "en": "The configuration is saved: open the Training page to train it.",
        "es": "La configuración queda guardada: abre la página de entrenamiento para entrenarla.",
    },
    "tuning.download": {"en": "Download the trials (CSV)", "es": "Descargar las pruebas (CSV)"},
    "tuning.tab.trials": {"en": "Trials", "es": "Pruebas"},
    "tuning.tab.hyperparameters": {"en": "Hyperparameters", "es": "Hiperparámetros"},
    "tuning.tab.curves": {"en": "Learning curves", "es": "Curvas de aprendizaje"},
    "tuning.tab.hyperband": {"en": "Hyperband explained", "es": "Hyperband explicado"},
    "tuning.trials_caption": {
        "en": "Click a column header to sort. The score is the best validation accuracy the trial reached.",
        "es": "Pulsa la cabecera de una columna para ordenar. La puntuación es la mejor exactitud en validación que alcanzó la prueba.",
    },
    "tuning.parallel_header": {"en": "Every trial at a glance", "es": "Todas las pruebas de un vistazo"},
    "tuning.parallel_caption": {
        "en": (
            "Each line is a trial crossing one axis per hyperparameter (learning rate on a log scale); "
            "its colour is the validation accuracy (the darker, the better; the worst trials all share the lightest shade). Follow the dark lines to see what good networks share."
        ),
        "es": (
            "Cada línea es una prueba que cruza un eje por hiperparámetro (la tasa de aprendizaje en "
            "escala logarítmica); su color es la exactitud en validación (cuanto más oscuro, mejor; las "
            "peores pruebas comparten el tono más claro). Sigue las líneas oscuras para ver qué tienen "
            "en común las buenas redes."
        ),
    },
    "tuning.scatter_header": {"en": "Score against each hyperparameter", "es": "Puntuación frente a cada hiperparámetro"},
    "tuning.curves_trials": {"en": "Trials to draw", "es": "Pruebas que dibujar"},
    "tuning.curves_metric": {"en": "Metric", "es": "Métrica"},
    "tuning.no_curves": {
        "en": "This directory has no per-epoch histories (keras-tuner keeps only the best epoch; our runner saves them all).",
        "es": "Esta carpeta no tiene historiales por época (keras-tuner solo guarda la mejor época; nuestro lanzador las guarda todas).",
    },
    "tuning.curves_caption": {
        "en": (
            "A Hyperband trial that continues another one starts from its weights where it stopped: "
            "the epochs it inherited are drawn as hollow points."
        ),
        "es": (
            "Una prueba de Hyperband que continúa otra arranca con los pesos de aquella, desde donde se "
            "detuvo: las épocas heredadas se dibujan con puntos huecos."
        ),
    },
    "tuning.hyperband_intro": {
        "en": (
            "Hyperband spends little on many networks and a lot on a few. Each bracket starts "
            "networks with random hyperparameters and a small epoch budget; after each round only "
            "the best 1/{factor} go on, and their total epoch budget grows {factor} times (from e epochs to "
            "{factor}·e, continuing from where they stopped). "
            "Brackets differ in how aggressive they are: the first starts many networks with "
            "{min_epochs} epoch(s), the last trains a few for the full {max_epochs} epochs."
        ),
        "es": (
            "Hyperband gasta poco en muchas redes y mucho en unas pocas. Cada bracket empieza con "
            "redes de hiperparámetros aleatorios y pocas épocas; tras cada ronda solo sigue la mejor "
            "fracción 1/{factor}, y su presupuesto total de épocas se multiplica por {factor} (de e épocas a "
            "{factor}·e, siguiendo desde donde se quedó). Los brackets "
            "difieren en lo agresivos que son: el primero empieza muchas redes con {min_epochs} "
            "época(s); el último entrena unas pocas durante las {max_epochs} épocas completas."
        ),
    },
    "tuning.hyperband_chart_caption": {
        "en": "Each point is a network at the end of its round; a line joins a promoted network to its continuation.",
        "es": "Cada punto es una red al final de su ronda; una línea une una red ascendida con su continuación.",
    },
    "tuning.not_hyperband": {
        "en": "This search did not use Hyperband, so there are no brackets to explain.",
        "es": "Esta búsqueda no usó Hyperband, así que no hay brackets que explicar.",
    },
    # column names
    "tuning.col.trial_id": {"en": "Trial", "es": "Prueba"},
    "tuning.col.status": {"en": "Status", "es": "Estado"},
    "tuning.col.score": {"en": "Score", "es": "Puntuación"},
    "tuning.col.epochs": {"en": "Epochs", "es": "Épocas"},
    "tuning.col.seconds": {"en": "Seconds", "es": "Segundos"},
    "tuning.col.bracket": {"en": "Bracket", "es": "Bracket"},
    "tuning.col.round": {"en": "Round", "es": "Ronda"},
    "tuning.col.promoted_from": {"en": "Continues", "es": "Continúa"},
    "tuning.col.models": {"en": "Networks", "es": "Redes"},
    "tuning.col.planned": {"en": "Planned", "es": "Previstas"},
    "tuning.col.new_epochs": {"en": "New epochs each", "es": "Épocas nuevas cada una"},
    "tuning.col.promoted": {"en": "Promoted", "es": "Ascendidas"},
    "tuning.col.best_score": {"en": "Best score", "es": "Mejor puntuación"},
    "tuning.col.neurons": {"en": "Neurons", "es": "Neuronas"},
    "tuning.col.hidden_layers": {"en": "Hidden layers", "es": "Capas ocultas"},
    "tuning.col.learning_rate": {"en": "Learning rate", "es": "Tasa de aprendizaje"},
    "tuning.col.optimizer": {"en": "Optimizer", "es": "Optimizador"},
    "tuning.col.batch_size": {"en": "Batch size", "es": "Tamaño del lote"},
    "tuning.col.activation": {"en": "Activation", "es": "Activación"},
    "tuning.col.epoch": {"en": "Epoch", "es": "Época"},
    "tuning.col.value": {"en": "Value", "es": "Valor"},
    "tuning.col.hyperparameter": {"en": "Hyperparameter", "es": "Hiperparámetro"},
    # keras-tuner's trial states (TrialStatus)
    "tuning.status.RUNNING": {"en": "running", "es": "en curso"},
    "tuning.status.IDLE": {"en": "waiting", "es": "en espera"},
    "tuning.status.COMPLETED": {"en": "completed", "es": "completada"},
    "tuning.status.STOPPED": {"en": "stopped", "es": "parada"},
    "tuning.status.INVALID": {"en": "invalid", "es": "no válida"},
    "tuning.status.FAILED": {"en": "failed", "es": "fallida"},
}
