"""An untrained GLiNER (span mode, GLiNER's defaults) on a local BERT-family backbone, for the peer benchmarks."""


def untrained_gliner(backbone):
    """GLiNER's span model with its default head on `backbone` (a local folder: nothing is downloaded)."""
    from gliner import GLiNER, GLiNERConfig

    config = GLiNERConfig(model_name=backbone, max_len=256, span_mode="markerV0", max_width=12)
    # from_config loads the backbone's pretrained weights and tokenizer (GLiNER(config) would not load the weights)
    return GLiNER.from_config(config, backbone_from_pretrained=True, map_location="cpu")


def versions():
    """The versions of the packages measured."""
    import gliner
    import torch
    import transformers

    return {"gliner": gliner.__version__, "torch": torch.__version__, "transformers": transformers.__version__}
