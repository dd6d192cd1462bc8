"""icp: a membership design assistant for England's Integrated Care Systems."""

__version__ = "0.1.0"
