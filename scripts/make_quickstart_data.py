#!/usr/bin/env python3
"""Writes Recipes/data/quickstart-pile-ner.json: a small teacher-annotated corpus in the released
Pile-NER-type conversation format, written for this project (the passages are ours, not from any dataset).

Each passage lists its mentions per type; the file is what `replay` reads in the quickstart recipe.
Run from the repository root: python3 scripts/make_quickstart_data.py
"""
import json

PASSAGES = [
    ("Marie Curie moved from Warsaw to Paris in 1891 to study physics at the Sorbonne.",
     {"person": ["Marie Curie"], "city": ["Warsaw", "Paris"], "date": ["1891"], "field of study": ["physics"],
      "university": ["Sorbonne"]}),
    ("The Danube flows through Vienna, Bratislava, Budapest and Belgrade before reaching the Black Sea.",
     {"river": ["Danube"], "city": ["Vienna", "Bratislava", "Budapest", "Belgrade"], "sea": ["Black Sea"]}),
    ("Ibuprofen and paracetamol are common treatments for fever, while insulin is used for diabetes.",
     {"drug": ["Ibuprofen", "paracetamol", "insulin"], "symptom": ["fever"], "disease": ["diabetes"]}),
    ("Guido van Rossum released Python in 1991; it later inspired features in Ruby and Swift.",
     {"person": ["Guido van Rossum"], "programming language": ["Python", "Ruby", "Swift"], "date": ["1991"]}),
    ("Toyota opened a new factory in Kentucky, hiring 2,000 workers, according to Reuters.",
     {"company": ["Toyota"], "location": ["Kentucky"], "quantity": ["2,000 workers"], "news agency": ["Reuters"]}),
    ("In the final at Wimbledon, Serena Williams defeated Angelique Kerber in straight sets.",
     {"event": ["Wimbledon"], "person": ["Serena Williams", "Angelique Kerber"]}),
    ("The BRCA1 gene is linked to a higher risk of breast cancer and ovarian cancer.",
     {"gene": ["BRCA1"], "disease": ["breast cancer", "ovarian cancer"]}),
    ("Beethoven wrote the Moonlight Sonata for piano, and his Ninth Symphony premiered in Vienna in 1824.",
     {"composer": ["Beethoven"], "musical work": ["Moonlight Sonata", "Ninth Symphony"],
      "musical instrument": ["piano"], "city": ["Vienna"], "date": ["1824"]}),
    ("The European Central Bank raised interest rates by 0.25 percent on Thursday.",
     {"organization": ["European Central Bank"], "percentage": ["0.25 percent"], "date": ["Thursday"]}),
    ("Hurricane Harvey flooded Houston in August 2017, and the Red Cross opened shelters across Texas.",
     {"event": ["Hurricane Harvey"], "city": ["Houston"], "date": ["August 2017"], "organization": ["Red Cross"],
      "location": ["Texas"]}),
    ("Neil Armstrong and Buzz Aldrin landed on the Moon with Apollo 11 while Michael Collins orbited above.",
     {"person": ["Neil Armstrong", "Buzz Aldrin", "Michael Collins"], "astronomical object": ["Moon"],
      "space mission": ["Apollo 11"]}),
    ("The novel One Hundred Years of Solitude by Gabriel Garcia Marquez was first published in Buenos Aires.",
     {"book": ["One Hundred Years of Solitude"], "author": ["Gabriel Garcia Marquez"], "city": ["Buenos Aires"]}),
    ("Use git rebase to move commits onto main, then run swift test before opening a pull request on GitHub.",
     {"software": ["git", "swift"], "command": ["git rebase", "swift test"], "branch": ["main"], "website": ["GitHub"]}),
    ("Angela Merkel led the Christian Democratic Union and served as Chancellor of Germany for sixteen years.",
     {"politician": ["Angela Merkel"], "political party": ["Christian Democratic Union"], "country": ["Germany"],
      "duration": ["sixteen years"]}),
    ("Sodium chloride dissolves in water, and chlorine is a toxic yellow-green gas.",
     {"chemical compound": ["Sodium chloride", "water"], "chemical element": ["chlorine"]}),
    ("The Louvre in Paris holds the Mona Lisa, painted by Leonardo da Vinci.",
     {"museum": ["Louvre"], "city": ["Paris"], "artwork": ["Mona Lisa"], "artist": ["Leonardo da Vinci"]}),
    ("Convolutional neural networks improved image classification on ImageNet, a benchmark created at Stanford University.",
     {"algorithm": ["Convolutional neural networks"], "task": ["image classification"], "dataset": ["ImageNet"],
      "university": ["Stanford University"]}),
    ("Amazon reported revenue of 514 billion dollars for 2022, led by its AWS cloud business.",
     {"company": ["Amazon"], "money": ["514 billion dollars"], "date": ["2022"], "product": ["AWS"]}),
    ("The patient was prescribed metformin after tests showed elevated glucose and signs of kidney disease.",
     {"drug": ["metformin"], "biomarker": ["glucose"], "disease": ["kidney disease"]}),
    ("Lionel Messi scored twice as Argentina beat France in the World Cup final in Qatar.",
     {"athlete": ["Lionel Messi"], "country": ["Argentina", "France", "Qatar"], "event": ["World Cup"]}),
    ("The Supreme Court ruled in Brown v. Board of Education that segregated schools violated the Fourteenth Amendment.",
     {"court": ["Supreme Court"], "legal case": ["Brown v. Board of Education"], "law": ["Fourteenth Amendment"]}),
    ("A Boeing 737 operated by Ryanair flew from Dublin to Madrid in two hours and twenty minutes.",
     {"aircraft": ["Boeing 737"], "airline": ["Ryanair"], "city": ["Dublin", "Madrid"],
      "duration": ["two hours and twenty minutes"]}),
    ("The Nile crocodile and the African elephant both live in Kenya's Tsavo National Park.",
     {"animal": ["Nile crocodile", "African elephant"], "country": ["Kenya"], "park": ["Tsavo National Park"]}),
    ("Ada Lovelace wrote the first published algorithm for Charles Babbage's Analytical Engine.",
     {"person": ["Ada Lovelace", "Charles Babbage"], "machine": ["Analytical Engine"]}),
]

# Types asked with no mention in a passage, as the released data does (answer []).
NEGATIVES = ["person", "organization", "location", "date", "disease", "company", "city", "event"]


def conversation(index, text, mentions):
    turns = [{"from": "human", "value": f"Text: {text}"}, {"from": "gpt", "value": "I've read this text."}]
    for entity_type, names in mentions.items():
        for name in names:
            assert name in text, (name, text)
        turns += [{"from": "human", "value": f"What describes {entity_type} in the text?"},
                  {"from": "gpt", "value": json.dumps(names)}]
    absent = [t for t in NEGATIVES if t not in mentions][: 2]
    for entity_type in absent:
        turns += [{"from": "human", "value": f"What describes {entity_type} in the text?"},
                  {"from": "gpt", "value": "[]"}]
    return {"id": f"quickstart_{index}", "conversations": turns}


if __name__ == "__main__":
    records = [conversation(i, text, mentions) for i, (text, mentions) in enumerate(PASSAGES)]
    with open("Recipes/data/quickstart-pile-ner.json", "w") as f:
        json.dump(records, f)
    print(f"wrote {len(records)} passages, {sum(len(n) for _, m in PASSAGES for n in m.values())} mentions")
