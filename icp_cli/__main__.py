from icp_cli.cli import main

main()
