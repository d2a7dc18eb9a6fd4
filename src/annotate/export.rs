//! Export and import of annotations: Markdown and W3C Web Annotation JSON-LD.
