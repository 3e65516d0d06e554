import BangtinCLI

Bangtin.main()
