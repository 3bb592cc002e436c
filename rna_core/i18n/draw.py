"""Strings of the Draw-a-digit page."""

STRINGS = {
    "draw.title": {"en": "Draw a digit", "es": "Dibuja un dígito"},
    "draw.summary": {
        "en": "Draw a digit (or upload a photo of one) and watch a trained network read it — and see what it sees.",
        "es": "Dibuja un dígito (o sube una foto) y mira cómo lo lee una red entrenada, y qué es lo que ve.",
    },
    "draw.intro": {
        "en": (
            "Draw a digit from 0 to 9 (or a whole number, digit after digit) on the black canvas and a trained "
            "network tells you which one it is, with how sure it is of each answer. Before that, each digit is "
            "cropped, shrunk into a 20×20 box and centred in 28×28 pixels, exactly like the MNIST images the "
            "network learned from."
        ),
        "es": (
            "Dibuja un dígito del 0 al 9 (o un número entero, cifra a cifra) en el lienzo negro y una red "
            "entrenada te dirá cuál es, junto con la confianza que tiene en cada respuesta. Antes, cada dígito "
            "se recorta, se reduce a una caja de 20×20 y se centra en 28×28 píxeles, igual que las imágenes "
            "de MNIST con las que aprendió la red."
        ),
    },
    "draw.model": {"en": "Model that reads the digit", "es": "Modelo que lee el dígito"},
    "draw.model_cnn": {
        "en": "Shipped convolutional network (default)",
        "es": "Red convolucional incluida (por defecto)",
    },
    "draw.model_mlp": {"en": "Shipped course MLP", "es": "MLP del curso incluido"},
    "draw.model_session": {"en": "Trained in this session: {label}", "es": "Entrenado en esta sesión: {label}"},
    "draw.model_help": {
        "en": "Models you train on the training page appear here too.",
        "es": "Los modelos que entrenes en la página de entrenamiento también aparecen aquí.",
    },
    "draw.model_missing": {
        "en": "The shipped model is missing. Train it with: {command}",
        "es": "Falta el modelo incluido. Entrénalo con: {command}",
    },
    "draw.loading_model": {
        "en": "Loading the model (the first time takes a few seconds)…",
        "es": "Cargando el modelo (la primera vez tarda unos segundos)…",
    },
    "draw.source": {"en": "Input", "es": "Entrada"},
    "draw.source_canvas": {"en": "Draw", "es": "Dibujar"},
    "draw.source_upload": {"en": "Upload a photo", "es": "Subir una foto"},
    "draw.stroke": {"en": "Pen width", "es": "Grosor del trazo"},
    "draw.clear": {"en": "Clear the canvas", "es": "Borrar el lienzo"},
    "draw.canvas_help": {
        "en": "The arrow above the canvas undoes the last stroke.",
        "es": "La flecha sobre el lienzo deshace el último trazo.",
    },
    "draw.undo": {"en": "Undo the last stroke", "es": "Deshacer el último trazo"},
    "draw.upload": {
        "en": "Photo or scan of a digit or a number (PNG or JPEG, at most 5 MB)",
        "es": "Foto o escaneo de un dígito o de un número (PNG o JPEG, 5 MB como máximo)",
    },
    "draw.upload_hint": {
        "en": "Dark ink on light paper, light on dark and transparent backgrounds all work.",
        "es": "Sirven tanto la tinta oscura sobre papel claro como lo claro sobre oscuro o los fondos transparentes.",
    },
    "draw.hint": {
        "en": "Draw a digit on the canvas: the prediction appears as soon as you lift the pen.",
        "es": "Dibuja un dígito en el lienzo: la predicción aparece en cuanto levantas el lápiz.",
    },
    "draw.empty_upload": {
        "en": "No digit found in this image: it looks empty or all one colour.",
        "es": "No se ha encontrado ningún dígito en esta imagen: parece vacía o de un solo color.",
    },
    "draw.prediction": {"en": "The network reads", "es": "La red lee"},
    "draw.probability": {"en": "with probability {percent}", "es": "con probabilidad {percent}"},
    "draw.unsure": {
        "en": "Not sure — try drawing it bigger and centred.",
        "es": "No estoy seguro: prueba a dibujarlo más grande y centrado.",
    },
    "draw.probabilities": {"en": "Probability of each digit", "es": "Probabilidad de cada dígito"},
    "draw.digit": {"en": "Digit", "es": "Dígito"},
    "draw.probability_axis": {"en": "Probability", "es": "Probabilidad"},
    "draw.stages": {"en": "What the network sees", "es": "Lo que ve la red"},
    "draw.stages_caption": {
        "en": (
            "From left to right: the ink found in your picture, the crop around it, the crop shrunk to "
            "fit 20×20 pixels keeping its shape, and the final 28×28 image centred on its centre of mass."
        ),
        "es": (
            "De izquierda a derecha: la tinta encontrada en tu imagen, el recorte a su alrededor, el "
            "recorte reducido para caber en 20×20 píxeles sin deformarse y la imagen final de 28×28 "
            "centrada en su centro de masas."
        ),
    },
    "draw.stage_ink": {"en": "1. Ink", "es": "1. Tinta"},
    "draw.stage_crop": {"en": "2. Crop", "es": "2. Recorte"},
    "draw.stage_fit": {"en": "3. Fit in 20×20", "es": "3. Ajuste a 20×20"},
    "draw.stage_centred": {"en": "4. Centred 28×28", "es": "4. Centrado en 28×28"},
    "draw.activations": {"en": "Inside the network", "es": "Dentro de la red"},
    "draw.activations_caption": {
        "en": (
            "Each cell is one neuron; the brighter it is, the more it fires for your drawing. "
            "The last strip holds the ten output neurons, one per digit."
        ),
        "es": (
            "Cada celda es una neurona; cuanto más clara, más se activa con tu dibujo. "
            "La última franja son las diez neuronas de salida, una por dígito."
        ),
    },
    "draw.layer_hidden": {"en": "Hidden layer {index} ({units} neurons)", "es": "Capa oculta {index} ({units} neuronas)"},
    "draw.layer_output": {"en": "Output layer (10 neurons)", "es": "Capa de salida (10 neuronas)"},
    "draw.activation_value": {"en": "Activation", "es": "Activación"},
    "draw.neuron": {"en": "Neuron", "es": "Neurona"},
    "draw.cnn_note": {
        "en": (
            "This is a convolutional network: its first layers look for small stroke patterns anywhere "
            "in the image. Choose an MLP above to see the activations of its hidden layers."
        ),
        "es": (
            "Esta es una red convolucional: sus primeras capas buscan pequeños patrones de trazo en "
            "cualquier parte de la imagen. Elige un MLP arriba para ver las activaciones de sus capas ocultas."
        ),
    },
    "draw.number_caption": {
        "en": "{count} digits, read one by one from left to right:",
        "es": "{count} dígitos, leídos uno a uno de izquierda a derecha:",
    },
    "draw.error_blob": {
        "en": "The picture is mostly one filled blob of ink, not a digit: draw the digits with lines, or "
              "photograph them on plain paper.",
        "es": "La imagen es casi toda una mancha de tinta, no un dígito: dibuja los dígitos con trazos o "
              "fotografíalos sobre papel liso.",
    },
    "draw.error_too_many": {
        "en": "There are more than {limit} separate marks: write at most {limit} digits, in one row.",
        "es": "Hay más de {limit} marcas separadas: escribe como mucho {limit} dígitos, en una sola fila.",
    },
    "draw.maps_title": {"en": "What the convolution layers see", "es": "Lo que ven las capas convolucionales"},
    "draw.maps_filters": {"en": "First layer: its 32 filters (3×3)", "es": "Primera capa: sus 32 filtros (3×3)"},
    "draw.maps_first": {
        "en": "First layer: 32 feature maps (26×26)", "es": "Primera capa: 32 mapas de características (26×26)",
    },
    "draw.maps_second": {
        "en": "Second layer: 64 feature maps (11×11)", "es": "Segunda capa: 64 mapas de características (11×11)",
    },
    "draw.maps_caption": {
        "en": (
            "Each filter is a small pattern of weights (light: positive, dark: negative) slid over the image; "
            "its map is bright where the drawing matches it. The second layer combines the first layer's maps "
            "into larger parts of digits."
        ),
        "es": (
            "Cada filtro es un pequeño patrón de pesos (claro: positivo, oscuro: negativo) que se desliza "
            "sobre la imagen; su mapa se ilumina donde el dibujo se le parece. La segunda capa combina los "
            "mapas de la primera en trozos de dígito más grandes."
        ),
    },
    "draw.correct_title": {"en": "Correct me", "es": "Corrígeme"},
    "draw.correct_intro": {
        "en": (
            "Wrong answer? Give the right digit and keep the drawing. With a few kept drawings, a copy of the "
            "network is fine-tuned on them, mixed with MNIST digits so that it does not forget the rest. "
            "Only this session uses the copy; the shipped network never changes."
        ),
        "es": (
            "¿Respuesta equivocada? Indica el dígito correcto y guarda el dibujo. Con unos cuantos dibujos "
            "guardados se ajusta una copia de la red con ellos, mezclados con dígitos de MNIST para que no "
            "olvide el resto. Solo esta sesión usa la copia; la red incluida nunca cambia."
        ),
    },
    "draw.correct_label": {"en": "The right digit", "es": "El dígito correcto"},
    "draw.correct_which": {"en": "Digit of the number to correct", "es": "Dígito del número que corregir"},
    "draw.correct_keep": {"en": "Keep this drawing", "es": "Guardar este dibujo"},
    "draw.correct_count": {
        "en": "{count} corrected drawings kept in this session.",
        "es": "{count} dibujos corregidos guardados en esta sesión.",
    },
    "draw.correct_forget": {"en": "Forget them", "es": "Olvidarlos"},
    "draw.finetune": {"en": "Fine-tune a copy", "es": "Ajustar una copia"},
    "draw.finetune_running": {
        "en": "Fine-tuning: epoch {epoch} of {epochs}…", "es": "Ajustando: época {epoch} de {epochs}…",
    },
    "draw.finetune_failed": {"en": "Fine-tuning failed: {error}", "es": "El ajuste ha fallado: {error}"},
    "draw.finetune_no_mnist": {
        "en": "Fine-tuning needs the MNIST data set, which is not available here: {error}",
        "es": "El ajuste necesita el conjunto MNIST, que no está disponible aquí: {error}",
    },
    "draw.finetune_done": {
        "en": "Done in {seconds:.1f} s. MNIST test accuracy: {before} before, {after} after.",
        "es": "Hecho en {seconds:.1f} s. Exactitud en el test de MNIST: {before} antes, {after} después.",
    },
    "draw.finetune_reread": {
        "en": "Your drawings read again (before → after):", "es": "Tus dibujos leídos de nuevo (antes → después):",
    },
    "draw.model_tuned": {
        "en": "Your fine-tuned copy (this session)", "es": "Tu copia ajustada (esta sesión)",
    },
}
