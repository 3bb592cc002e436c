"""Strings of the playground page (a network on the plane that you watch learn)."""

STRINGS = {
    "playground.title": {"en": "Playground", "es": "Red neuronal en el plano"},
    "playground.summary": {
        "en": "Shape a small network, press play and watch every neuron learn to split the plane.",
        "es": "Da forma a una red pequeña, pulsa play y mira cómo cada neurona aprende a dividir el plano.",
    },
    "playground.intro": {
        "en": "Each point of the plane is an example with two inputs, x1 and x2, and a class (its colour). "
              "Choose the data, the inputs and the layers, press play, and watch the output and every hidden "
              "neuron change as the network learns by gradient descent, epoch after epoch (how each "
              "gradient is computed: [backpropagation](/backprop?lang=en)).",
        "es": "Cada punto del plano es un ejemplo con dos entradas, x1 y x2, y una clase (su color). "
              "Elige los datos, las entradas y las capas, pulsa play y mira cómo cambian la salida y cada "
              "neurona oculta mientras la red aprende por descenso del gradiente, época tras época (cómo se "
              "calcula cada gradiente: [retropropagación](/backprop?lang=es)).",
    },
    "playground.bad_link": {
        "en": "Part of this link could not be read ({keys}): those settings are back to their defaults.",
        "es": "Parte de este enlace no se pudo leer ({keys}): esos ajustes vuelven a sus valores por defecto.",
    },
    "playground.section_data": {"en": "Data", "es": "Datos"},
    "playground.section_features": {"en": "Inputs", "es": "Entradas"},
    "playground.section_network": {"en": "Network", "es": "Red"},
    "playground.dataset": {"en": "Data set", "es": "Conjunto de datos"},
    "playground.ds.circle": {"en": "Circle", "es": "Círculo"},
    "playground.ds.xor": {"en": "Exclusive or (XOR)", "es": "O exclusivo (XOR)"},
    "playground.ds.gauss": {"en": "Two clouds", "es": "Dos nubes"},
    "playground.ds.spiral": {"en": "Spiral", "es": "Espiral"},
    "playground.ds.blobs3": {"en": "Three clouds (3 classes)", "es": "Tres nubes (3 clases)"},
    "playground.ds.plane": {"en": "Regression: plane", "es": "Regresión: plano"},
    "playground.ds.multi_gauss": {"en": "Regression: bumps", "es": "Regresión: montículos"},
    "playground.ds.custom": {"en": "Your own points", "es": "Tus propios puntos"},
    "playground.noise": {"en": "Noise", "es": "Ruido"},
    "playground.seed": {"en": "Seed", "es": "Semilla"},
    "playground.train_percent": {"en": "Training share (%)", "es": "Parte de entrenamiento (%)"},
    "playground.batch": {"en": "Batch size", "es": "Tamaño del lote"},
    "playground.regenerate": {"en": "Regenerate", "es": "Regenerar"},
    "playground.own_points": {"en": "Draw or upload your own points", "es": "Dibuja o sube tus propios puntos"},
    "playground.paint_class": {"en": "Class of the next clicks", "es": "Clase de los próximos clics"},
    "playground.class_name.0": {"en": "class 0 (blue)", "es": "clase 0 (azul)"},
    "playground.class_name.1": {"en": "class 1 (orange)", "es": "clase 1 (naranja)"},
    "playground.class_name.2": {"en": "class 2 (green)", "es": "clase 2 (verde)"},
    "playground.draw_help": {
        "en": "Click on the plane to add a point of the chosen class; the network then trains on your points.",
        "es": "Haz clic en el plano para añadir un punto de la clase elegida; la red entrena entonces con tus puntos.",
    },
    "playground.csv": {"en": "…or upload a CSV file (x1, x2, label)", "es": "…o sube un archivo CSV (x1, x2, etiqueta)"},
    "playground.csv_help": {
        "en": "One point per row: x1 and x2 from -6 to 6, then a class 0, 1 or 2, or a number from -1 to 1 "
              "for a regression. A header row is allowed.",
        "es": "Un punto por fila: x1 y x2 entre -6 y 6, y después una clase 0, 1 o 2, o un número entre -1 y 1 "
              "para una regresión. Se admite una fila de cabecera.",
    },
    "playground.csv_loaded": {"en": "{count} points read from the file.", "es": "{count} puntos leídos del archivo."},
    "playground.copy_points": {"en": "Start from the current points", "es": "Partir de los puntos actuales"},
    "playground.clear_points": {"en": "Clear my points", "es": "Borrar mis puntos"},
    "playground.n_points": {"en": "Your points: {count}", "es": "Tus puntos: {count}"},
    "playground.features": {"en": "Features the network sees", "es": "Características que ve la red"},
    "playground.features_help": {
        "en": "Products and squares of the inputs let even a network without hidden layers draw curved borders.",
        "es": "Con productos y cuadrados de las entradas, incluso una red sin capas ocultas traza fronteras curvas.",
    },
    "playground.n_layers": {"en": "Hidden layers", "es": "Capas ocultas"},
    "playground.units": {"en": "Layer {layer}", "es": "Capa {layer}"},
    "playground.units_help": {"en": "Neurons in each hidden layer (1 to 8).", "es": "Neuronas de cada capa oculta (1 a 8)."},
    "playground.activation": {"en": "Activation", "es": "Activación"},
    "playground.act.relu": {"en": "ReLU", "es": "ReLU"},
    "playground.act.tanh": {"en": "tanh", "es": "tanh"},
    "playground.act.sigmoid": {"en": "sigmoid", "es": "sigmoide"},
    "playground.act.linear": {"en": "linear", "es": "lineal"},
    "playground.learning_rate": {"en": "Learning rate", "es": "Tasa de aprendizaje"},
    "playground.regularization": {"en": "Regularization", "es": "Regularización"},
    "playground.reg.none": {"en": "none", "es": "ninguna"},
    "playground.reg.l1": {"en": "L1", "es": "L1"},
    "playground.reg.l2": {"en": "L2", "es": "L2"},
    "playground.reg_rate": {"en": "Regularization rate", "es": "Tasa de regularización"},
    "playground.loss": {"en": "Loss", "es": "Pérdida"},
    "playground.loss.auto": {"en": "matched to the output", "es": "la de la salida"},
    "playground.loss.mse": {"en": "mean squared error", "es": "error cuadrático medio"},
    "playground.loss_now": {
        "en": "Output: {output} · loss: {loss}",
        "es": "Salida: {output} · pérdida: {loss}",
    },
    "playground.loss_help": {
        "en": "With a sigmoid or softmax output, cross-entropy keeps a strong gradient when the network is "
              "confidently wrong; the squared error's gradient fades there, so it learns slower.",
        "es": "Con una salida sigmoide o softmax, la entropía cruzada mantiene un gradiente fuerte cuando la red "
              "se equivoca con seguridad; el del error cuadrático se apaga ahí, así que aprende más despacio.",
    },
    "playground.optimizer": {"en": "Optimizer", "es": "Optimizador"},
    "playground.opt.sgd": {"en": "SGD", "es": "SGD"},
    "playground.opt.momentum": {"en": "SGD with momentum 0.9", "es": "SGD con momento 0,9"},
    "playground.opt.adam": {"en": "Adam", "es": "Adam"},
    "playground.play": {"en": "Play", "es": "Play"},
    "playground.step": {"en": "One epoch", "es": "Una época"},
    "playground.reset": {"en": "Reset", "es": "Reiniciar"},
    "playground.speed": {"en": "Epochs per frame", "es": "Épocas por fotograma"},
    "playground.target": {"en": "Stop at test loss ≤", "es": "Parar con pérdida de test ≤"},
    "playground.target_help": {"en": "0 trains without a target.", "es": "Con 0 entrena sin objetivo."},
    "playground.reached": {
        "en": "Target reached: test loss {loss:.4f} ≤ {target:.4f} at epoch {epoch}.",
        "es": "Objetivo alcanzado: pérdida de test {loss:.4f} ≤ {target:.4f} en la época {epoch}.",
    },
    "playground.epoch": {"en": "Epoch", "es": "Época"},
    "playground.train_loss": {"en": "Training loss", "es": "Pérdida de entrenamiento"},
    "playground.test_loss": {"en": "Test loss", "es": "Pérdida de test"},
    "playground.test_accuracy": {"en": "Test accuracy", "es": "Exactitud de test"},
    "playground.network_caption": {
        "en": "Every neuron's output over the plane (blue negative, white 0, orange positive), inputs on the "
              "left, output on the right. Links: orange positive weights, blue negative, thicker when larger.",
        "es": "La salida de cada neurona sobre el plano (azul negativa, blanco 0, naranja positiva), entradas a "
              "la izquierda, salida a la derecha. Enlaces: naranja pesos positivos, azul negativos, más gruesos "
              "cuanto mayores.",
    },
    "playground.map_caption": {
        "en": "The network's output over the plane with the training points (white rim) and, if shown, the test "
              "points (black rim).",
        "es": "La salida de la red sobre el plano con los puntos de entrenamiento (borde blanco) y, si se "
              "muestran, los de test (borde negro).",
    },
    "playground.show_test": {"en": "Show test data", "es": "Mostrar datos de test"},
    "playground.discretize": {"en": "Discretize output", "es": "Discretizar la salida"},
    "playground.neuron": {"en": "Look at a neuron", "es": "Mira una neurona"},
    "playground.neuron_label": {"en": "Layer {layer}, neuron {index}", "es": "Capa {layer}, neurona {index}"},
    "playground.output_label": {"en": "Output", "es": "Salida"},
    "playground.output_class": {"en": "Output, class {index}", "es": "Salida, clase {index}"},
    "playground.neuron_caption": {
        "en": "Its formula with the weights and bias it has now, and what it outputs at each point of the plane.",
        "es": "Su fórmula con los pesos y el sesgo que tiene ahora, y lo que devuelve en cada punto del plano.",
    },
    "playground.chart_epoch": {"en": "epoch", "es": "época"},
    "playground.chart_loss": {"en": "loss", "es": "pérdida"},
    "playground.chart_test_loss": {"en": "test loss", "es": "pérdida de test"},
    "playground.set_train": {"en": "training", "es": "entrenamiento"},
    "playground.set_test": {"en": "test", "es": "test"},
    "playground.history": {"en": "Compare runs", "es": "Compara ejecuciones"},
    "playground.history_help": {
        "en": "Each reset or change of settings keeps the run that ended; the last five test-loss curves are "
              "drawn together.",
        "es": "Cada reinicio o cambio de ajustes guarda la ejecución que termina; las cinco últimas curvas de "
              "pérdida de test se dibujan juntas.",
    },
    "playground.run_label": {
        "en": "{number}. {dataset} · {layers} {activation} · {optimizer} η={rate} · {epochs} epochs · test {loss:.3f}",
        "es": "{number}. {dataset} · {layers} {activation} · {optimizer} η={rate} · {epochs} épocas · test {loss:.3f}",
    },
    "playground.current_run": {"en": "now", "es": "ahora"},
    "playground.no_hidden": {"en": "no hidden layer", "es": "sin capa oculta"},
    "playground.code": {"en": "The same network in Keras", "es": "La misma red en Keras"},
    "playground.code_caption": {
        "en": "A script that makes the same points, split and network and trains it with Keras for {epochs} epochs.",
        "es": "Un script que crea los mismos puntos, la misma división y la misma red, y la entrena con Keras "
              "durante {epochs} épocas.",
    },
    "playground.share": {"en": "Share this experiment", "es": "Comparte este experimento"},
    "playground.share_help": {
        "en": "The address holds every setting: whoever opens it gets the same data, network and hyperparameters.",
        "es": "La dirección guarda todos los ajustes: quien la abra tendrá los mismos datos, red e hiperparámetros.",
    },
    "playground.share_custom": {
        "en": "Your own points are not part of the link.",
        "es": "Tus propios puntos no viajan en el enlace.",
    },
    "playground.error_features": {"en": "Choose at least one input feature.", "es": "Elige al menos una característica de entrada."},
    "playground.error_shape": {"en": "Each point needs two coordinates and one label.",
                               "es": "Cada punto necesita dos coordenadas y una etiqueta."},
    "playground.error_few_points": {"en": "Add at least {minimum} points (there are {count}).",
                                    "es": "Añade al menos {minimum} puntos (hay {count})."},
    "playground.error_many_points": {"en": "At most {maximum} points are allowed (there are {count}).",
                                     "es": "Se admiten como mucho {maximum} puntos (hay {count})."},
    "playground.error_not_number": {"en": "Every coordinate and label must be a number.",
                                    "es": "Cada coordenada y cada etiqueta deben ser números."},
    "playground.error_outside": {
        "en": "Point {row} lies outside the plane: both coordinates go from -6 to 6.",
        "es": "El punto {row} está fuera del plano: las dos coordenadas van de -6 a 6.",
    },
    "playground.error_one_class": {"en": "A classification needs points of at least two classes.",
                                   "es": "Una clasificación necesita puntos de al menos dos clases."},
    "playground.error_label": {
        "en": "Label {label:g} (point {row}) is neither a class 0, 1, 2 nor a number from -1 to 1.",
        "es": "La etiqueta {label:g} (punto {row}) no es una clase 0, 1, 2 ni un número entre -1 y 1.",
    },
    "playground.error_csv_size": {"en": "The file is larger than {kilobytes} kB.",
                                  "es": "El archivo ocupa más de {kilobytes} kB."},
    "playground.error_csv_text": {"en": "The file is not a text (CSV) file.", "es": "El archivo no es de texto (CSV)."},
    "playground.error_csv_row": {"en": "Row {row} does not hold three numbers x1, x2, label.",
                                 "es": "La fila {row} no tiene tres números x1, x2, etiqueta."},
    "playground.error_click_outside": {"en": "Both coordinates of a point go from -6 to 6.",
                                       "es": "Las dos coordenadas de un punto van de -6 a 6."},
    "playground.from_neurons": {
        "en": "One hidden layer is enough for XOR: two neurons each draw a line, and the output combines them. "
              "The playground trains such a network live on XOR points, shows what every hidden neuron has "
              "learnt and lets you grow it, change its activation or give it the product x1·x2.",
        "es": "Para XOR basta una capa oculta: dos neuronas trazan cada una una recta y la salida las combina. "
              "La red neuronal en el plano entrena en directo una red así con puntos XOR, muestra lo que ha "
              "aprendido cada neurona oculta y te deja hacerla crecer, cambiar su activación o darle el "
              "producto x1·x2.",
    },
    "playground.open_xor": {"en": "Open the playground with XOR", "es": "Abrir la red en el plano con XOR"},
}
