"""Strings of the MNIST training page (slug ``training``)."""

STRINGS = {
    "training.title": {"en": "MNIST training", "es": "Entrenamiento con MNIST"},
    "training.summary": {
        "en": "Train the course's Keras network on handwritten digits, live, and judge it on test data.",
        "es": "Entrena en directo la red Keras del curso con dígitos manuscritos y evalúala con datos de test.",
    },
    "training.intro": {
        "en": (
            "A dense network of 784 inputs, hidden layers of 300 and 100 ReLU units and a 10-way softmax "
            "learns to read handwritten digits from 60,000 MNIST images, while you watch the cost fall "
            "epoch by epoch. The course's recipe (plain SGD) takes minutes; the same network with Adam, "
            "a cosine schedule and dropout gets further in seconds — try both and compare."
        ),
        "es": (
            "Una red densa de 784 entradas, capas ocultas de 300 y 100 neuronas ReLU y una salida softmax "
            "de 10 clases aprende a leer dígitos manuscritos con las 60.000 imágenes de MNIST mientras ves "
            "bajar el coste época a época. La receta del curso (SGD simple) tarda minutos; la misma red con "
            "Adam, una tasa de aprendizaje con decaimiento coseno y dropout llega más lejos en segundos: "
            "prueba las dos y compáralas."
        ),
    },
    "training.data_loading": {"en": "Preparing MNIST…", "es": "Preparando MNIST…"},
    "training.recipe": {"en": "1 · The recipe", "es": "1 · La receta"},
    "training.preset": {"en": "Preset", "es": "Receta"},
    "training.preset.course": {"en": "Course recipe (SGD)", "es": "Receta del curso (SGD)"},
    "training.preset.fast": {"en": "Fast (Adam + cosine)", "es": "Rápida (Adam + coseno)"},
    "training.preset.custom": {"en": "Custom", "es": "Personalizada"},
    "training.preset.tuner": {
        "en": "The tuner's best configuration was loaded as the custom recipe.",
        "es": "Se ha cargado la mejor configuración del ajuste de hiperparámetros como receta personalizada.",
    },
    "training.layers": {"en": "Hidden layers", "es": "Capas ocultas"},
    "training.units": {"en": "Units in hidden layer {n}", "es": "Neuronas de la capa oculta {n}"},
    "training.activation": {"en": "Activation", "es": "Función de activación"},
    "training.dropout": {"en": "Dropout", "es": "Dropout"},
    "training.dropout_help": {
        "en": "Share of hidden outputs switched off at random in each training step (never when predicting).",
        "es": "Fracción de salidas ocultas que se apagan al azar en cada paso de entrenamiento "
        "(nunca al predecir).",
    },
    "training.optimizer": {"en": "Optimizer", "es": "Optimizador"},
    "training.optimizer.sgd": {"en": "SGD", "es": "SGD"},
    "training.optimizer.momentum": {"en": "SGD + momentum", "es": "SGD + momentum"},
    "training.optimizer.rmsprop": {"en": "RMSprop", "es": "RMSprop"},
    "training.optimizer.adam": {"en": "Adam", "es": "Adam"},
    "training.learning_rate": {"en": "Learning rate", "es": "Tasa de aprendizaje"},
    "training.schedule": {"en": "Learning-rate schedule", "es": "Evolución de la tasa de aprendizaje"},
    "training.schedule.none": {"en": "Constant", "es": "Constante"},
    "training.schedule.cosine": {"en": "Cosine decay to 0", "es": "Decaimiento coseno hasta 0"},
    "training.batch_size": {"en": "Batch size", "es": "Tamaño del lote"},
    "training.epochs": {"en": "Epochs", "es": "Épocas"},
    "training.regime.gd": {
        "en": "**Batch gradient descent**: each step averages the gradient over all {n} images, so an "
        "epoch is a single iteration.",
        "es": "**Descenso del gradiente con el conjunto completo**: cada paso promedia el gradiente de las {n} "
        "imágenes, así que una época es una sola iteración.",
    },
    "training.regime.minibatch": {
        "en": "**Mini-batch gradient descent**: each step uses {batch} images, so an epoch over {n} "
        "images takes {iterations} iterations (weight updates).",
        "es": "**Descenso del gradiente por minilotes**: cada paso usa {batch} imágenes, así que una "
        "época de {n} imágenes son {iterations} iteraciones (actualizaciones de pesos).",
    },
    "training.regime.sgd": {
        "en": "**Stochastic gradient descent (SGD)**: one image per step, {iterations} noisy iterations "
        "per epoch — very slow on a CPU.",
        "es": "**Descenso del gradiente estocástico (SGD)**: una imagen por paso, {iterations} iteraciones "
        "ruidosas por época; muy lento en una CPU.",
    },
    "training.describe": {
        "en": "{arch} {activation}{extras} · {optimizer} lr={rate:g}{schedule} · batch {batch} · {epochs} epochs",
        "es": "{arch} {activation}{extras} · {optimizer} lr={rate:g}{schedule} · lote {batch} · {epochs} épocas",
    },
    "training.describe.dropout": {"en": " · dropout {rate:g}", "es": " · dropout {rate:g}"},
    "training.describe.cosine": {"en": " cosine", "es": " coseno"},
    "training.parameters": {
        "en": "{config} — {params} weights and biases to learn.",
        "es": "{config} — {params} pesos y bias que aprender.",
    },
    "training.why": {"en": "Why is the fast recipe faster?", "es": "¿Por qué es más rápida la receta rápida?"},
    "training.why_text": {
        "en": (
            "- **Bigger batches** (128 instead of 32) mean 4 times fewer weight updates per epoch, and each "
            "one uses the CPU's vector units better.\n"
            "- **Adam** adapts the step size of every weight from running averages of its "
            "[gradients](/backprop?lang=en) (what backpropagation computes) and "
            "squared gradients, so it needs far fewer epochs than plain SGD.\n"
            "- **Cosine decay** starts with large steps and ends with tiny ones, settling into a good minimum.\n"
            "- **Dropout** keeps the network from memorising the training images, so the validation "
            "accuracy keeps up with the training accuracy."
        ),
        "es": (
            "- **Lotes más grandes** (128 en vez de 32): 4 veces menos actualizaciones de pesos por época, "
            "y cada una aprovecha mejor las unidades vectoriales de la CPU.\n"
            "- **Adam** adapta el tamaño del paso de cada peso con medias móviles de sus "
            "[gradientes](/backprop?lang=es) (lo que calcula la retropropagación) y de "
            "sus gradientes al cuadrado, así que necesita muchas menos épocas que el SGD simple.\n"
            "- **El decaimiento coseno** empieza con pasos grandes y termina con pasos diminutos, y así se "
            "asienta en un buen mínimo.\n"
            "- **El dropout** evita que la red memorice las imágenes de entrenamiento, así que la exactitud "
            "de validación sigue el ritmo de la de entrenamiento."
        ),
    },
    "training.start": {"en": "Start training", "es": "Empezar a entrenar"},
    "training.stop": {"en": "Stop", "es": "Parar"},
    "training.stopping": {"en": "Stopping…", "es": "Parando…"},
    "training.live": {"en": "2 · Live training", "es": "2 · Entrenamiento en directo"},
    "training.nothing_yet": {
        "en": "Choose a recipe and press **Start training**.",
        "es": "Elige una receta y pulsa **Empezar a entrenar**.",
    },
    "training.progress": {
        "en": "Epoch {epoch} of {epochs} · batch {batch} of {steps}",
        "es": "Época {epoch} de {epochs} · lote {batch} de {steps}",
    },
    "training.starting": {
        "en": "Starting Keras and building the network…",
        "es": "Arrancando Keras y construyendo la red…",
    },
    "training.compiling": {
        "en": "Epoch 1 of {epochs} · compiling the network for this computer (a few seconds, once per recipe)…",
        "es": "Época 1 de {epochs} · compilando la red para este ordenador (unos segundos, una vez por receta)…",
    },
    "training.elapsed": {"en": "Elapsed", "es": "Transcurrido"},
    "training.eta": {"en": "Time left", "es": "Tiempo restante"},
    "training.seconds": {"en": "{value} s", "es": "{value} s"},
    "training.status": {"en": "Status", "es": "Estado"},
    "training.status.pending": {"en": "waiting", "es": "en espera"},
    "training.status.running": {"en": "training", "es": "entrenando"},
    "training.status.stopped": {"en": "stopped", "es": "parado"},
    "training.status.finished": {"en": "finished", "es": "terminado"},
    "training.status.failed": {"en": "failed", "es": "fallido"},
    "training.stopped": {
        "en": "Stopped at epoch {epoch}: the model keeps the weights it had reached.",
        "es": "Parado en la época {epoch}: el modelo conserva los pesos que había alcanzado.",
    },
    "training.nan": {
        "en": "The cost became NaN (not a number) in epoch {epoch}, batch {batch}: the updates grew until "
        "the numbers overflowed, so training stopped. Try a smaller learning rate.",
        "es": "El coste se volvió NaN (no es un número) en la época {epoch}, lote {batch}: las "
        "actualizaciones crecieron hasta desbordar los números y el entrenamiento se detuvo. Prueba con "
        "una tasa de aprendizaje más pequeña.",
    },
    "training.overfitting": {
        "en": "Overfitting from epoch {epoch}: the validation cost has risen for two epochs while the "
        "training cost keeps falling — the network is memorising the training images.",
        "es": "Sobreajuste desde la época {epoch}: el coste de validación lleva dos épocas subiendo mientras "
        "el de entrenamiento sigue bajando; la red está memorizando las imágenes de entrenamiento.",
    },
    "training.chart.loss": {"en": "Cost (cross-entropy)", "es": "Coste (entropía cruzada)"},
    "training.chart.accuracy": {"en": "Accuracy", "es": "Exactitud"},
    "training.chart.epoch": {"en": "Epoch", "es": "Época"},
    "training.chart.val_accuracy": {"en": "Validation accuracy", "es": "Exactitud de validación"},
    "training.chart.set": {"en": "Data", "es": "Datos"},
    "training.chart.train": {"en": "training", "es": "entrenamiento"},
    "training.chart.validation": {"en": "validation", "es": "validación"},
    "training.chart.batches": {"en": "training (per batch)", "es": "entrenamiento (por lote)"},
    "training.chart.caption": {
        "en": "Thin line: running mean over the current epoch, every few batches; dots: end of each epoch.",
        "es": "Línea fina: media acumulada de la época en curso, cada pocos lotes; puntos: final de cada época.",
    },
    "training.results": {"en": "3 · How good is it?", "es": "3 · ¿Qué tal lo hace?"},
    "training.results_of": {"en": "Results of **{label}**", "es": "Resultados de **{label}**"},
    "training.test_accuracy": {"en": "Test accuracy", "es": "Exactitud en test"},
    "training.test_loss": {"en": "Test cost", "es": "Coste en test"},
    "training.test_precision": {"en": "Test precision", "es": "Precisión en test"},
    "training.train_time": {"en": "Training time", "es": "Tiempo de entrenamiento"},
    "training.confusion": {"en": "Confusion matrix", "es": "Matriz de confusión"},
    "training.confusion_caption": {
        "en": "Row: the true digit; column: what the network said. Everything off the diagonal is a mistake.",
        "es": "Fila: el dígito real; columna: lo que dijo la red. Todo lo que queda fuera de la diagonal es un error.",
    },
    "training.true": {"en": "True digit", "es": "Dígito real"},
    "training.predicted": {"en": "Predicted digit", "es": "Dígito predicho"},
    "training.count": {"en": "Images", "es": "Imágenes"},
    "training.per_class": {"en": "Per digit", "es": "Por dígito"},
    "training.col.digit": {"en": "Digit", "es": "Dígito"},
    "training.col.precision": {"en": "Precision", "es": "Precisión"},
    "training.col.recall": {"en": "Recall", "es": "Exhaustividad (recall)"},
    "training.col.f1": {"en": "F1", "es": "F1"},
    "training.col.support": {"en": "Test images", "es": "Imágenes de test"},
    "training.mistakes": {"en": "Mistakes it was surest about", "es": "Errores en los que estaba más segura"},
    "training.mistakes_caption": {
        "en": "{wrong} of {total} test digits were misread; here are the most confident mistakes.",
        "es": "Ha leído mal {wrong} de {total} dígitos de test; aquí están los errores más seguros.",
    },
    "training.mistake": {"en": "true {true} → {pred} ({conf})", "es": "real {true} → {pred} ({conf})"},
    "training.model_summary": {"en": "The model, layer by layer", "es": "El modelo, capa a capa"},
    "training.col.layer": {"en": "Layer", "es": "Capa"},
    "training.col.units": {"en": "Units", "es": "Neuronas"},
    "training.col.activation": {"en": "Activation", "es": "Activación"},
    "training.col.parameters": {"en": "Parameters", "es": "Parámetros"},
    "training.layer.input": {"en": "Input (28×28 pixels)", "es": "Entrada (28×28 píxeles)"},
    "training.layer.hidden": {"en": "Hidden {n}", "es": "Oculta {n}"},
    "training.layer.dropout": {"en": "Dropout {rate}", "es": "Dropout {rate}"},
    "training.layer.output": {"en": "Output", "es": "Salida"},
    "training.runs": {"en": "This session's runs", "es": "Los entrenamientos de esta sesión"},
    "training.runs_caption": {
        "en": "Validation accuracy after each epoch, one line per run.",
        "es": "Exactitud de validación tras cada época, una línea por entrenamiento.",
    },
    "training.run": {"en": "Run", "es": "Entrenamiento"},
    "training.code": {"en": "The Keras code of this run", "es": "El código Keras de este entrenamiento"},
    "training.downloads": {"en": "Take the model with you", "es": "Llévate el modelo"},
    "training.download_keras": {"en": "Keras file (.keras)", "es": "Fichero Keras (.keras)"},
    "training.download_config": {"en": "Safe format: config.json", "es": "Formato seguro: config.json"},
    "training.download_weights": {"en": "Safe format: weights.npz", "es": "Formato seguro: weights.npz"},
    "training.downloads_caption": {
        "en": "The .keras file opens with keras.models.load_model; this app only re-imports the safe format.",
        "es": "El fichero .keras se abre con keras.models.load_model; esta aplicación solo vuelve a importar "
        "el formato seguro.",
    },
    "training.use_in_draw": {"en": "Use this model in Draw a digit", "es": "Usar este modelo en Dibuja un dígito"},
    "training.registered": {
        "en": "Saved for this session as “{label}”: the other pages can use it.",
        "es": "Guardado en esta sesión como «{label}»: las otras páginas pueden usarlo.",
    },
    "training.import": {"en": "Import a model (safe format)", "es": "Importar un modelo (formato seguro)"},
    "training.import_help": {
        "en": "Upload both config.json and weights.npz. .keras, .h5 and pickle files are refused: loading "
        "them can run code hidden inside, which is unsafe on a shared server.",
        "es": "Sube config.json y weights.npz. Los ficheros .keras, .h5 y pickle se rechazan: al cargarlos "
        "puede ejecutarse código escondido dentro, algo inseguro en un servidor compartido.",
    },
    "training.import_files": {"en": "config.json and weights.npz", "es": "config.json y weights.npz"},
    "training.import_need_both": {
        "en": "Upload both files: config.json and weights.npz.",
        "es": "Sube los dos ficheros: config.json y weights.npz.",
    },
    "training.import_unsafe": {
        "en": "“{name}” refused: this app never opens .keras, .h5 or pickle files, because loading them can "
        "run code hidden inside. Upload the safe format (config.json + weights.npz).",
        "es": "«{name}» rechazado: esta aplicación nunca abre ficheros .keras, .h5 ni pickle, porque al "
        "cargarlos puede ejecutarse código escondido dentro. Sube el formato seguro (config.json + weights.npz).",
    },
    "training.import_ok": {
        "en": "Imported “{label}” — test accuracy {accuracy}.",
        "es": "Importado «{label}»: exactitud en test {accuracy}.",
    },
    "training.import_button": {"en": "Import", "es": "Importar"},
    "training.sets_text": {
        "en": (
            "**Three data sets, three jobs.** The network learns its weights from the 60,000 *training* images. "
            "After each epoch it is scored on the *validation* images, which it never learns from: that is how "
            "you compare recipes and spot overfitting (validation cost rising while training cost falls). The "
            "*test* images stay untouched until the end, for one honest final score — as the course does, "
            "MNIST's 10,000 test images are split in half: about 5,000 for validation, 5,000 for test."
        ),
        "es": (
            "**Tres conjuntos de datos, tres funciones.** La red aprende sus pesos de las 60.000 imágenes de "
            "*entrenamiento*. Tras cada época se evalúa con las imágenes de *validación*, de las que nunca "
            "aprende: así se comparan recetas y se detecta el sobreajuste (el coste de validación sube mientras "
            "el de entrenamiento baja). Las imágenes de *test* no se tocan hasta el final, para dar una nota "
            "final honesta; como en el curso, las 10.000 imágenes de test de MNIST se parten por la mitad: unas "
            "5.000 para validación y 5.000 para test."
        ),
    },
    "training.precision_recall": {
        "en": (
            "**Precision** of a digit: of the images the network called a 7, the share that really are 7s "
            "(few false alarms). **Recall**: of the real 7s, the share it found (few missed). F1 combines both "
            "(their harmonic mean). Accuracy alone can hide a digit the network keeps confusing."
        ),
        "es": (
            "**Precisión** de un dígito: de las imágenes que la red llamó 7, la fracción que de verdad son 7 "
            "(pocas falsas alarmas). **Exhaustividad** (en inglés, *recall*): de los 7 reales, la fracción que "
            "encontró (pocos olvidos). F1 combina las dos (su media armónica). La exactitud sola puede esconder "
            "un dígito que la red confunde a menudo."
        ),
    },
    "training.sequential_text": {
        "en": (
            "The course builds this same network with `keras.Sequential([...])`, one layer after another, and "
            "that is exactly what the script below does: copy it and it runs on its own."
        ),
        "es": (
            "El curso construye esta misma red con `keras.Sequential([...])`, una capa tras otra, y eso es "
            "exactamente lo que hace el programa de abajo: cópialo y funciona por sí solo."
        ),
    },
    "training.evaluate_order": {
        "en": (
            "`evaluate` returns the loss first, then the metrics **in the order they were given to `compile`**. "
            "With two metrics, name the results in that order (the course's text swaps accuracy and precision "
            "here), or ask for `return_dict=True` and read them by name:"
        ),
        "es": (
            "`evaluate` devuelve primero el coste (`loss`) y después las métricas **en el orden en que se "
            "pasaron a `compile`**. Con dos métricas, nombra los resultados en ese orden (el texto del curso "
            "intercambia aquí exactitud y precisión), o pide `return_dict=True` y léelas por su nombre:"
        ),
    },
    "training.evaluate_code": {
        "en": (
            'model.compile(optimizer=..., loss=..., metrics=["precision", "accuracy"])\n'
            "# loss first, then precision and accuracy: the order of metrics=[...]\n"
            "test_loss, test_precision, test_accuracy = model.evaluate(x_test, y_test)\n"
            "results = model.evaluate(x_test, y_test, return_dict=True)  # results[\"accuracy\"]"
        ),
        "es": (
            'model.compile(optimizer=..., loss=..., metrics=["precision", "accuracy"])\n'
            "# primero el coste, después precisión y exactitud: el orden de metrics=[...]\n"
            "test_loss, test_precision, test_accuracy = model.evaluate(x_test, y_test)\n"
            "results = model.evaluate(x_test, y_test, return_dict=True)  # results[\"accuracy\"]"
        ),
    },
}
