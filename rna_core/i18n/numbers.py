"""Messages about lists of numbers typed by the student (rna_core.number_lists)."""

STRINGS = {
    "numbers.not_a_number": {
        "en": "“{token}” is not a number. Type numbers separated by commas, such as 2, 1, 0.5.",
        "es": "«{token}» no es un número. Escribe números separados por comas o punto y coma, como 2; 1; 0,5.",
    },
    "numbers.wrong_count": {
        "en": "Type exactly {expected} numbers separated by commas (you typed {got}).",
        "es": "Escribe exactamente {expected} números separados por comas o punto y coma (has escrito {got}).",
    },
    "numbers.empty": {
        "en": "Type at least one number.",
        "es": "Escribe al menos un número.",
    },
    "numbers.out_of_range": {
        "en": "Some numbers are out of the allowed range; check the label above the box.",
        "es": "Algún número está fuera del rango permitido; revisa la etiqueta de la casilla.",
    },
}
