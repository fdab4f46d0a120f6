"""tf.train: outside the model for now."""
from .context import Namespace

train = Namespace("tf.train")
