from graphbuild.cli import app

app()
