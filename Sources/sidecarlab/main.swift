print("sidecarlab")
