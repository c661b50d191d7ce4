print("uniner")
