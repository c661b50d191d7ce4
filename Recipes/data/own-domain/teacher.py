#!/usr/bin/env python3
"""A scripted stand-in for a teacher LLM, for Recipes/own-domain.yaml: the `command` annotator's protocol.

Reads one JSON line per passage on stdin ({"id", "text", "messages"}) and answers one line per passage on
stdout ({"id", "mentions": [{"text", "type"}]}). It labels by a small hand-written lexicon, longest match
first, so it is wrong in the ways a cheap teacher is: it misses what its lexicon lacks, and it tags a word
out of context ("cream" is always an ingredient, "pan" always a tool, even in "pan-fried").
"""
import json
import re
import sys

LEXICON = {
    "ingredient": """eggs egg milk salt butter onion garlic olive oil cumin smoked paprika tomatoes oats yogurt banana
        honey walnuts batter almonds pumpkin seeds maple syrup coconut oil vinegar sourdough bread avocado lime juice
        chili flakes coriander berries spinach almond milk peanut butter brioche cream vanilla cinnamon sugar
        carrots celery potatoes white beans parmesan vegetable stock butternut squash leeks ginger dashi miso paste
        tofu spring onions wakame chicken bay leaves peppercorns parsley egg noodles cucumber red pepper
        sherry vinegar lentils turmeric stock lemon juice onions white wine beef stock thyme gruyère rice noodles
        beef bean sprouts thai basil hoisin sauce bacon sweet corn cheddar flour water starter brown sugar
        chocolate chips bananas baking soda buttermilk rosemary sea salt caster sugar self-raising flour lemons
        goat cheese chicken thighs broccoli soy sauce rice arborio rice chicken stock shallots salmon dill
        new potatoes crème fraîche pecorino guanciale black pepper red wine mushrooms chickpeas coconut milk
        garam masala lamb lemon oregano red onion mozzarella basil tomato sauce tarragon cod chili powder
        corn tortillas cabbage espresso ladyfingers mascarpone egg yolks cocoa powder vanilla pod apples
        dark chocolate egg whites gelatine lemon zest strawberries passion fruit whole milk orange peel nutmeg
        pears cinnamon stick star anise cloves blueberries raspberries greek yogurt ice cream""",
    "dish": """shakshuka overnight oats pancakes omelette granola avocado toast smoothie french toast minestrone
        miso soup chicken noodle soup gazpacho lentil soup french onion soup pho corn chowder tomato soup
        grilled cheese sandwich sourdough loaf chocolate chip cookies banana bread scones focaccia
        lemon drizzle cake quiche cinnamon rolls stir fry risotto spaghetti carbonara stew chickpea curry
        souvlaki pizza roast chicken fish tacos tiramisu crème brûlée apple crumble chocolate mousse
        panna cotta pavlova rice pudding lemon tart berry compote""",
    "kitchen tool": """mixing bowl fork nonstick skillet skillet glass jar griddle spatula rubber spatula pan
        baking sheet saucepan slotted spoon blender cast iron pan dutch oven stockpot immersion blender pot
        fine sieve sieve colander sharp knife heavy saucepan kitchen scale stand mixer banneton wire rack
        potato masher loaf pan butter knife biscuit cutter sheet pan skewer parchment paper rolling pin wok
        frying pan tongs casserole wooden spoon deep pan metal skewers pizza stone peel wooden board
        carving knife ramekins blowtorch balloon whisk moulds heavy pan knife small saucepan""",
}

# The lexicon above is split on spaces, so its multi-word entries are listed again here, to be matched whole
# (and before their single words: the longest match wins).
PHRASES = [p for p in """olive oil|smoked paprika|rolled oats|pumpkin seeds|maple syrup|coconut oil|sourdough bread|lime juice
    |chili flakes|almond milk|peanut butter|white beans|vegetable stock|butternut squash|miso paste|spring onions
    |bay leaves|egg noodles|red pepper|sherry vinegar|lemon juice|white wine|beef stock|rice noodles|bean sprouts
    |thai basil|hoisin sauce|sweet corn|brown sugar|chocolate chips|baking soda|sea salt|caster sugar
    |self-raising flour|goat cheese|chicken thighs|soy sauce|arborio rice|chicken stock|new potatoes|crème fraîche
    |black pepper|red wine|coconut milk|garam masala|red onion|tomato sauce|chili powder|corn tortillas|egg yolks
    |cocoa powder|vanilla pod|dark chocolate|egg whites|lemon zest|passion fruit|whole milk|orange peel
    |cinnamon stick|star anise|greek yogurt|ice cream|overnight oats|avocado toast|french toast|miso soup
    |chicken noodle soup|lentil soup|french onion soup|corn chowder|tomato soup|grilled cheese sandwich
    |sourdough loaf|chocolate chip cookies|banana bread|lemon drizzle cake|cinnamon rolls|stir fry
    |spaghetti carbonara|chickpea curry|roast chicken|fish tacos|crème brûlée|apple crumble|chocolate mousse
    |panna cotta|rice pudding|lemon tart|berry compote|mixing bowl|nonstick skillet|glass jar|rubber spatula
    |baking sheet|slotted spoon|cast iron pan|dutch oven|immersion blender|fine sieve|sharp knife|heavy saucepan
    |kitchen scale|stand mixer|wire rack|potato masher|loaf pan|butter knife|biscuit cutter|sheet pan
    |parchment paper|rolling pin|frying pan|wooden spoon|deep pan|metal skewers|pizza stone|wooden board
    |carving knife|balloon whisk|heavy pan|small saucepan""".split("|")]
PHRASES = [" ".join(p.split()) for p in PHRASES if p.strip()]


def entries():
    table = {}
    words = {t: set(v.split()) for t, v in LEXICON.items()}
    for phrase in PHRASES:
        for label, listed in LEXICON.items():
            if phrase in " ".join(listed.split()):
                table.setdefault(phrase, label)
                break
    for label, listed in words.items():
        for word in listed:
            table.setdefault(word, label)
    return table


TABLE = entries()
LONGEST = max(len(key.split()) for key in TABLE)


def mentions(text):
    words = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w\-éèêûç]+", text)]
    found, seen, index = [], set(), 0
    while index < len(words):
        for size in range(min(LONGEST, len(words) - index), 0, -1):
            span = words[index:index + size]
            key = " ".join(w for w, _, _ in span).lower()
            if key in TABLE:
                surface = text[span[0][1]:span[-1][2]]
                if (surface, TABLE[key]) not in seen:
                    seen.add((surface, TABLE[key]))
                    found.append({"text": surface, "type": TABLE[key]})
                index += size
                break
        else:
            index += 1
    return found


for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    print(json.dumps({"id": request["id"], "mentions": mentions(request["text"])}), flush=True)
